"""lkjip-audit: audit Indonesian government performance reports (LKjIP) before publication."""

__version__ = "0.1.0"
