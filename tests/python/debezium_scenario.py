"""The database the Debezium differential test captures: one table with every MariaDB column
type Debezium documents, a table without a primary key and one with a composite key; the
rows of the snapshot, then inserts, updates, deletes, a large transaction and DDL in the
middle of the stream (including generated columns, CONVERT TO CHARACTER SET, CREATE TABLE
LIKE and a DROP of several tables)."""

DATABASE = "dbz_diff"

ALL_TYPES = """
CREATE TABLE all_types (
  id INT NOT NULL PRIMARY KEY,
  c_tinyint TINYINT, c_tinyint_u TINYINT UNSIGNED, c_bool BOOLEAN,
  c_smallint SMALLINT, c_smallint_u SMALLINT UNSIGNED,
  c_mediumint MEDIUMINT, c_mediumint_u MEDIUMINT UNSIGNED,
  c_int INT, c_int_u INT UNSIGNED, c_bigint BIGINT, c_bigint_u BIGINT UNSIGNED,
  c_dec_5_2 DECIMAL(5,2), c_dec_10_0 DECIMAL(10,0), c_dec_18_9 DECIMAL(18,9),
  c_dec_38_10 DECIMAL(38,10), c_dec_65_30 DECIMAL(65,30), c_dec_u NUMERIC(8,3) UNSIGNED,
  c_float FLOAT, c_float_m FLOAT(7,2), c_double DOUBLE, c_double_m DOUBLE(12,4),
  c_bit1 BIT(1), c_bit5 BIT(5), c_bit16 BIT(16), c_bit64 BIT(64),
  c_date DATE, c_time TIME, c_time1 TIME(1), c_time3 TIME(3), c_time6 TIME(6),
  c_datetime DATETIME, c_datetime2 DATETIME(2), c_datetime3 DATETIME(3),
  c_datetime4 DATETIME(4), c_datetime6 DATETIME(6),
  c_ts TIMESTAMP NULL, c_ts3 TIMESTAMP(3) NULL, c_ts6 TIMESTAMP(6) NULL,
  c_year YEAR,
  c_char CHAR(10), c_varchar VARCHAR(100), c_char_latin1 CHAR(5) CHARACTER SET latin1,
  c_varchar_latin1 VARCHAR(50) CHARACTER SET latin1, c_varchar_ascii VARCHAR(20) CHARACTER SET ascii,
  c_tinytext TINYTEXT, c_text TEXT, c_mediumtext MEDIUMTEXT, c_longtext LONGTEXT,
  c_binary BINARY(4), c_varbinary VARBINARY(20), c_tinyblob TINYBLOB, c_blob BLOB,
  c_mediumblob MEDIUMBLOB, c_longblob LONGBLOB,
  c_enum ENUM('a','b','c d'), c_set SET('x','y','z'),
  c_json JSON,
  c_geometry GEOMETRY, c_point POINT, c_linestring LINESTRING, c_polygon POLYGON,
  c_default_str VARCHAR(10) NOT NULL DEFAULT 'dflt', c_default_int INT DEFAULT 42,
  c_default_ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  c_default_dec DECIMAL(6,2) DEFAULT 1.50, c_default_enum ENUM('on','off') NOT NULL DEFAULT 'off',
  c_default_dt DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3), c_default_bit BIT(4) DEFAULT b'0101',
  c_default_zero DATETIME NOT NULL DEFAULT '0000-00-00 00:00:00', c_default_date DATE DEFAULT '2020-02-02',
  c_default_time TIME(2) DEFAULT '01:02:03.45', c_default_dbl DOUBLE DEFAULT 2.5,
  c_default_bool BOOLEAN NOT NULL DEFAULT TRUE, c_default_year YEAR DEFAULT 1999
) DEFAULT CHARSET=utf8mb4
"""

COLUMNS = ("id, c_tinyint, c_tinyint_u, c_bool, c_smallint, c_smallint_u, c_mediumint, "
           "c_mediumint_u, c_int, c_int_u, c_bigint, c_bigint_u, c_dec_5_2, c_dec_10_0, "
           "c_dec_18_9, c_dec_38_10, c_dec_65_30, c_dec_u, c_float, c_float_m, c_double, "
           "c_double_m, c_bit1, c_bit5, c_bit16, c_bit64, c_date, c_time, c_time1, c_time3, "
           "c_time6, c_datetime, c_datetime2, c_datetime3, c_datetime4, c_datetime6, c_ts, "
           "c_ts3, c_ts6, c_year, c_char, c_varchar, c_char_latin1, c_varchar_latin1, "
           "c_varchar_ascii, c_tinytext, c_text, c_mediumtext, c_longtext, c_binary, "
           "c_varbinary, c_tinyblob, c_blob, c_mediumblob, c_longblob, c_enum, c_set, c_json, "
           "c_geometry, c_point, c_linestring, c_polygon")

# Rows: typical values, extremes of every range, and all-NULL.
ROW_TYPICAL = """(1, -5, 200, 1, -300, 60000, -70000, 16000000, -2000000, 4000000000,
  -9000000000, 18000000000000000000, 123.45, 1234567890, 123456789.123456789,
  1234567890123456789012345678.0123456789, 12345678901234567890123456789012345.123456789012345678901234567890,
  12345.678, 3.25, 12345.67, 2.718281828459045, 12345678.1234,
  b'1', b'10101', b'1000000000000001', b'1000000000000000000000000000000000000000000000000000000000000001',
  '2024-02-29', '12:34:56', '12:34:56.7', '-01:02:03.456', '838:59:59.000000',
  '2024-02-29 12:34:56', '2024-02-29 12:34:56.78', '2024-02-29 12:34:56.789',
  '2024-02-29 12:34:56.7891', '2024-02-29 12:34:56.789123',
  '2024-02-29 12:34:56', '2024-02-29 12:34:56.789', '2024-02-29 12:34:56.789123',
  2024, 'char', 'héllo wörld ☃ 😀', 'café', 'naïve Ünïcode €‰', 'ascii',
  'tiny', 'text', 'medium', 'long text',
  x'00FF7F80', x'DEADBEEF00', x'01', x'0203', x'04', x'05',
  'c d', 'x,z', '{"a": [1, 2.5, "s", null, true], "b": {"c": -3}}',
  ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('POINT(3.5 -4.25)'),
  ST_GeomFromText('LINESTRING(0 0, 1 1, 2 1)'),
  ST_GeomFromText('POLYGON((0 0, 4 0, 4 4, 0 4, 0 0))'))"""

ROW_EXTREMES = """(2, -128, 255, 0, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295,
  -9223372036854775808, 18446744073709551615, -999.99, -9999999999, -999999999.999999999,
  -9999999999999999999999999999.9999999999, 0.000000000000000000000000000001, 0,
  -3.4e38, -99999.99, 1.7976931348623157e308, -99999999.9999,
  b'0', b'11111', b'1111111111111111', b'1111111111111111111111111111111111111111111111111111111111111111',
  '1000-01-01', '-838:59:59', '00:00:00.1', '23:59:59.999', '-838:59:59.000000',
  '1000-01-01 00:00:00', '1969-12-31 23:59:59.99', '9999-12-31 23:59:59.999',
  '1970-01-01 00:00:00.0001', '9999-12-31 23:59:59.999999',
  '1970-01-01 00:00:01', '2038-01-19 03:14:07.999', '1999-12-31 23:59:59.999999',
  1901, '', '', '', '', '', '', '', '', '',
  x'00000000', x'', x'', x'', x'', x'',
  'a', '', '[]',
  ST_GeomFromText('POINT(0 0)'), ST_GeomFromText('POINT(-180 90)'),
  ST_GeomFromText('LINESTRING(0 0, 0 0)'),
  ST_GeomFromText('POLYGON((0 0, 1 0, 1 1, 0 0))'))"""

ROW_NULLS = "(3" + ", NULL" * (COLUMNS.count(",")) + ")"

SNAPSHOT_SQL = [
    f"DROP DATABASE IF EXISTS {DATABASE}",
    f"CREATE DATABASE {DATABASE}",
    f"USE {DATABASE}",
    "SET time_zone = '+00:00'",
    ALL_TYPES,
    f"INSERT INTO all_types ({COLUMNS}) VALUES {ROW_TYPICAL}, {ROW_EXTREMES}, {ROW_NULLS}",
    # Zero dates in the snapshot too (the session allows them).
    "SET SESSION sql_mode = ''",
    "INSERT INTO all_types (id, c_date, c_datetime, c_datetime6, c_ts) VALUES "
    "(4, '0000-00-00', '0000-00-00 00:00:00', '2020-00-10 00:00:00', '0000-00-00 00:00:00')",
    "SET SESSION sql_mode = DEFAULT",
    "CREATE TABLE no_pk (a INT, b VARCHAR(20), c DECIMAL(8,2))",
    "INSERT INTO no_pk VALUES (1, 'one', 1.10), (1, 'one', 1.10), (NULL, NULL, NULL)",
    "CREATE TABLE composite_pk (region CHAR(2) NOT NULL, seq BIGINT UNSIGNED NOT NULL, "
    "note TEXT, updated DATETIME(3), PRIMARY KEY (seq, region))",
    "INSERT INTO composite_pk VALUES ('eu', 1, 'first', '2020-01-01 00:00:00.001'), "
    "('us', 1, 'second', NULL)",
    # Other character sets and MariaDB's own types.
    "CREATE TABLE charsets (id INT PRIMARY KEY, u8 VARCHAR(10) CHARACTER SET utf8mb3, "
    "l1 TEXT CHARACTER SET latin1, cp CHAR(3) CHARACTER SET cp1250, u16 VARCHAR(5) CHARACTER SET ucs2, "
    "bin_text VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin)",
    "INSERT INTO charsets VALUES (1, 'añ€', 'Ø¿', 'Łść', 'Ωλ', 'Bin'), (2, NULL, NULL, NULL, NULL, NULL)",
    # Generated columns, virtual and stored.
    "CREATE TABLE gen_cols (id INT PRIMARY KEY, price DECIMAL(8,2), qty INT, "
    "total DECIMAL(12,2) AS (price * qty) VIRTUAL, label VARCHAR(40) AS (CONCAT('#', id)) STORED, "
    "note VARCHAR(10))",
    "INSERT INTO gen_cols (id, price, qty, note) VALUES (1, 2.50, 4, 'a'), (2, NULL, 1, NULL)",
]

# Streamed after both connectors finished their snapshots.
STREAM_SQL = [
    f"USE {DATABASE}",
    "SET time_zone = '+00:00'",
    f"INSERT INTO all_types ({COLUMNS}) VALUES " + ROW_TYPICAL.replace("(1,", "(11,", 1),
    f"INSERT INTO all_types ({COLUMNS}) VALUES " + ROW_EXTREMES.replace("(2,", "(12,", 1),
    f"INSERT INTO all_types ({COLUMNS}) VALUES " + ROW_NULLS.replace("(3,", "(13,", 1),
    "UPDATE all_types SET c_varchar = 'updated', c_int = c_int + 1, c_json = '{\"k\": 1}', "
    "c_set = 'y', c_enum = 'b', c_bit5 = b'1', c_dec_5_2 = 0.01 WHERE id = 1",
    "UPDATE all_types SET id = 21 WHERE id = 11",  # a key change: delete + tombstone + create
    "DELETE FROM all_types WHERE id = 2",
    "INSERT INTO no_pk VALUES (2, 'two', 2.20)",
    "UPDATE no_pk SET b = 'uno' WHERE a = 1",
    "DELETE FROM no_pk WHERE a IS NULL",
    "INSERT INTO composite_pk VALUES ('eu', 2, 'third', '2021-06-30 12:00:00.5')",
    "UPDATE composite_pk SET note = 'changed' WHERE region = 'eu' AND seq = 1",
    "DELETE FROM composite_pk WHERE region = 'us'",
    # A large transaction: 500 rows in one commit, updated and deleted in a second one.
    "BEGIN",
    "INSERT INTO composite_pk (region, seq, note, updated) SELECT 'tx', seq, CONCAT('row ', seq), "
    "'2022-02-02 02:02:02.222' FROM seq_100_to_599",
    "COMMIT",
    "BEGIN",
    "UPDATE composite_pk SET note = NULL WHERE region = 'tx' AND seq % 2 = 0",
    "DELETE FROM composite_pk WHERE region = 'tx' AND seq % 3 = 0",
    "COMMIT",
    # DDL in the middle of the stream, then rows in the new shapes.
    "ALTER TABLE all_types ADD COLUMN c_added VARCHAR(8) NOT NULL DEFAULT 'new' AFTER c_int, "
    "DROP COLUMN c_tinytext, MODIFY COLUMN c_smallint INT, RENAME COLUMN c_char TO c_char_renamed",
    f"INSERT INTO all_types (id, c_added, c_smallint, c_char_renamed) VALUES (30, 'x', 100000, 'r')",
    "UPDATE all_types SET c_added = 'upd' WHERE id = 1",
    "DELETE FROM no_pk WHERE a = 1 LIMIT 1",  # one of two identical rows
    "ALTER TABLE no_pk ADD PRIMARY KEY (b)",
    "DELETE FROM no_pk WHERE b = 'two'",
    "INSERT INTO no_pk VALUES (3, 'three', 3.30)",
    "CREATE TABLE created_later (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, "
    "v YEAR(4), t TIME(2))",
    "INSERT INTO created_later (v, t) VALUES (2155, '-00:00:01.5'), (NULL, NULL)",
    "RENAME TABLE created_later TO renamed_later",
    "INSERT INTO renamed_later (v, t) VALUES (1999, '10:00')",
    "INSERT INTO charsets VALUES (3, 'ü', 'ÿ', 'ž', '€', 'x')",
    "UPDATE charsets SET l1 = CONCAT(l1, 'é') WHERE id = 1",
    "INSERT INTO gen_cols (id, price, qty, note) VALUES (3, 1.25, 3, 'c')",
    "UPDATE gen_cols SET qty = 10 WHERE id = 1",
    "ALTER TABLE gen_cols ADD COLUMN doubled INT AS (qty * 2) VIRTUAL AFTER qty, "
    "MODIFY COLUMN note VARCHAR(20) FIRST",
    "INSERT INTO gen_cols (id, price, qty, note) VALUES (4, 9.99, 2, 'after ddl')",
    "DELETE FROM gen_cols WHERE id = 2",
    "ALTER TABLE charsets CONVERT TO CHARACTER SET utf8mb4",
    "INSERT INTO charsets VALUES (4, 'ñ', 'ø', 'ł', 'ω', 'b')",
    "ALTER TABLE composite_pk ADD INDEX by_note (note(10)), MODIFY COLUMN note VARCHAR(200) "
    "CHARACTER SET latin1",
    "INSERT INTO composite_pk VALUES ('ap', 7, 'café', NULL)",
    "CREATE TABLE like_gen_cols LIKE gen_cols",
    "INSERT INTO like_gen_cols (id, price, qty, note) VALUES (1, 1.00, 1, 'like')",
    "ALTER TABLE all_types MODIFY COLUMN c_enum ENUM('a','b','c d','e'), "
    "CHANGE COLUMN c_set c_set_changed SET('x','y','z','w')",
    "UPDATE all_types SET c_enum = 'e', c_set_changed = 'w,x' WHERE id = 1",
    "CREATE TABLE dropped_too (id INT PRIMARY KEY)",
    "DROP TABLE IF EXISTS like_gen_cols, dropped_too",
    # Zero dates, allowed without NO_ZERO_DATE/strict mode.
    "SET SESSION sql_mode = ''",
    "INSERT INTO all_types (id, c_date, c_datetime, c_datetime6, c_ts) VALUES "
    "(40, '0000-00-00', '0000-00-00 00:00:00', '2020-00-10 00:00:00', '0000-00-00 00:00:00')",
]
