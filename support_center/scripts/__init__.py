"""The script library: categories (the administrator's), scripts agents add, the hashes a
session's customer checks the bytes they are sent against."""
