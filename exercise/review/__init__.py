"""The trainers' review screen (Textual): `exercise review JOURNAL`."""
