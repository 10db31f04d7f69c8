"""The corpus store (SQLite, WAL mode): see store/sqlite.py for the interface."""
