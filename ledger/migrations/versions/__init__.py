"""One module per migration, named v<revision>_<slug>.py."""
