-- A scenario time that is text.
UPDATE events SET t = 'soon' WHERE seq = 2;
