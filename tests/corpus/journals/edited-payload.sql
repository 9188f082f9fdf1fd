-- An evaluator's hand edit: the option of a decision changed after the session.
UPDATE events SET payload = replace(payload, '"option":"', '"option":"x') WHERE seq = (SELECT min(seq) FROM events WHERE kind = 'decision-taken');
