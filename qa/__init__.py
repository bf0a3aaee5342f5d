"""qa: question answering over Chinese township 法治政府建设 reports, with cited passages."""

__version__ = "0.1.0"
