from crossroads.launch import main

main(help_cache=False)
