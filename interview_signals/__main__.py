from interview_signals.cli import main

main()
