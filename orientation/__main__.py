from orientation.cli import main

main()
