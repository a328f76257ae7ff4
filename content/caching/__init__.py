"""What the plugin stores to answer faster, and the rules that keep it right: see README.md beside this file."""
