"""CLI commands: thin typer functions, one module per area, named in ``registry.TOP``."""
