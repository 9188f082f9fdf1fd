"""MSEL spreadsheets in and out.

- `words`: the fixed words (column headers and their synonyms, handout headings) in English
  and Dutch, in one table;
- `workbook`: reading an .xlsx or .csv file safely, as values with limits;
- `timecells`: the time notations MSELs use, to scenario seconds;
- `mapping`: the mapping file that says which column holds what;
- `importer`: rows to a scenario, written as readable YAML;
- `export`: a scenario to the controllers' MSEL (xlsx, csv, html).

Reads `exercise.content` and `exercise.model`, never the session, journal or screens.
"""
