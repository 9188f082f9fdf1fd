-- The frozen scenario changed after the session.
UPDATE session SET scenario_text = replace(scenario_text, '"duration":', '"duration": ');
