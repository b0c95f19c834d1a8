from orientation.cli.entry import main

main()
