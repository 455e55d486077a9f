CREATE DATABASE IF NOT EXISTS sampledatabase;
USE sampledatabase;
CREATE TABLE movies (
  movie_id INT NOT NULL,
  title VARCHAR(256) NOT NULL,
  release_year INT NOT NULL,
  PRIMARY KEY (movie_id)
);
