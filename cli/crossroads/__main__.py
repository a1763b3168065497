from crossroads.app import main

main()
