USE sampledatabase;
INSERT INTO movies (movie_id, title, release_year, COUNTRY) VALUES
  (21, 'Spirited Away', 2001, 'Japan'),
  (22, 'City of God', 2002, 'Brazil'),
  (23, 'Life Is Beautiful', 1997, 'Italy'),
  (24, 'Amelie', 2001, 'France'),
  (25, 'Parasite', 2019, 'South Korea'),
  (26, 'Oldboy', 2003, 'South Korea'),
  (27, 'The Lives of Others', 2006, 'Germany'),
  (28, 'Cinema Paradiso', 1988, 'Italy'),
  (29, 'Pan''s Labyrinth', 2006, 'Mexico'),
  (30, 'Rashomon', 1950, 'Japan');
