"""The board: a full-screen view of the job search (`interview-signals board`), drawn with Textual."""
