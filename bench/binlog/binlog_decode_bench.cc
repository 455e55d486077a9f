// Decode throughput of the binlog of a 1,000,000-row, 12-column table, side by side in the
// same run with the server's raw stream (`mariadb-binlog --read-from-remote-server --raw`,
// the ceiling) and MariaDB's own row decoder (`mariadb-binlog --read-from-remote-server -v`).
//
//   source "$(scripts/services env-file)"
//   build/bench/binlog/binlog_decode_bench [--rows N] [--modes raw,verbose,decode,records]
//
// Loads the rows into a fresh table in one transaction between two FLUSH BINARY LOGS, so one
// binlog file holds exactly them, then times, over that file:
//   raw      mariadb-binlog --raw (network + file write, no decoding)
//   verbose  mariadb-binlog -v to /dev/null (MariaDB's decoder, printing pseudo-SQL)
//   decode   our BinlogClient + TABLE_MAP/ROWS parsers + per-type decoders into Connect values
//   records  the whole MySqlSourceTask: decoded rows as Debezium change records with offsets
//   json     records, then key and value through the JsonConverter (schemas enabled)
//   avro     records, then key and value through the AvroConverter (embedded registry)
// For json and avro, "convert_cpu_seconds" is the converter's share of the CPU time.
// Prints one JSON line per tool: rows, seconds (wall), cpu_seconds (the tool's own CPU time:
// our process for decode/records, the child process for mariadb-binlog), and rows and bytes
// per CPU second and per wall second. On a shared, loaded machine the CPU figures are the
// comparable ones.
// Needs TRIB_MARIADB_HOST/PORT/ADMIN_USER/ADMIN_PASSWORD (scripts/services).
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <filesystem>

#include "converters/avro_converter.h"
#include "converters/json_converter.h"
#include "mysql/binlog_client.h"
#include "mysql/binlog_events.h"
#include "mysql/column_codec.h"
#include "mysql/mysql_connection.h"
#include "mysql/mysql_source_task.h"
#include "mysql/rows_event.h"
#include "mysql/table_map_event.h"
#include "registry/embedded_registry.h"
#include "registry/registry.h"

namespace {

using namespace tributary;
using namespace tributary::mysql;
using Clock = std::chrono::steady_clock;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  if (!v) {
    std::fprintf(stderr, "%s is not set: source the scripts/services env file\n", name);
    std::exit(2);
  }
  return v;
}

void Check(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

struct Timing {
  double wall = 0;
  double cpu = 0;
};

double ProcessCpu() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double ChildrenCpu() {
  rusage u;
  getrusage(RUSAGE_CHILDREN, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec +
         u.ru_stime.tv_usec / 1e6;
}

double ThreadCpu() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

void Report(const char* tool, int64_t rows, Timing t, uint64_t bytes, double convert_cpu = -1) {
  std::string convert =
      convert_cpu < 0 ? "" : fmt::format(", \"convert_cpu_seconds\": {:.3f}", convert_cpu);
  std::printf(
      "{\"tool\": \"%s\", \"rows\": %lld, \"seconds\": %.3f, \"cpu_seconds\": %.3f, "
      "\"rows_per_cpu_second\": %.0f, \"bytes_per_cpu_second\": %.0f, "
      "\"rows_per_second\": %.0f, \"bytes_per_second\": %.0f%s}\n",
      tool, static_cast<long long>(rows), t.wall, t.cpu, rows / t.cpu, bytes / t.cpu,
      rows / t.wall, bytes / t.wall, convert.c_str());
  std::fflush(stdout);
}

Timing TimeCommand(const std::string& command) {
  auto start = Clock::now();
  double cpu_start = ChildrenCpu();
  int rc = std::system(command.c_str());
  Timing t{std::chrono::duration<double>(Clock::now() - start).count(),
           ChildrenCpu() - cpu_start};
  if (rc != 0) {
    std::fprintf(stderr, "command failed (%d): %s\n", rc, command.c_str());
    std::exit(1);
  }
  return t;
}

// Our decode path without record building: events -> row values.
Timing DecodeOnly(const ConnectionOptions& c, const std::string& file, int64_t rows) {
  BinlogClientOptions options;
  options.connection = c;
  options.server_id = 90001;
  BinlogClient client(options);
  auto start = Clock::now();
  double cpu_start = ProcessCpu();
  Check(client.Start({file, 4, ""}), "binlog dump");
  FormatDescriptionEvent fde;
  std::vector<ColumnCodec> codecs;
  std::vector<data::Value> before, after;
  int64_t decoded = 0;
  while (decoded < rows) {
    BinlogEvent event;
    auto got = client.Next(&event, 10000);
    Check(got.status(), "reading the binlog");
    if (!*got) break;
    switch (event.header.type) {
      case EventType::kFormatDescription:
        fde = FormatDescriptionEvent::Parse(event).value();
        break;
      case EventType::kTableMap: {
        auto tm = TableMapEvent::Parse(event, fde.PostHeaderLength(event.header.type), true);
        Check(tm.status(), "table map");
        codecs.clear();
        for (const auto& col : tm->table.columns) codecs.push_back(ColumnCodec::Make(col, {}).value());
        break;
      }
      default:
        if (IsRowsEvent(event.header.type)) {
          auto re = RowsEvent::Parse(event, fde.PostHeaderLength(event.header.type));
          Check(re.status(), "rows event");
          while (re->has_more_rows()) {
            Check(re->NextRow(codecs, &before, &after), "row");
            ++decoded;
          }
        }
    }
  }
  Timing t{std::chrono::duration<double>(Clock::now() - start).count(),
           ProcessCpu() - cpu_start};
  client.Stop();
  return t;
}

// The whole source task resumed at the start of `file`; with mode json or avro every
// record's key and value also go through that converter.
void SourceTask(std::string_view mode, const ConnectionOptions& admin, const std::string& file,
                int64_t rows, uint64_t bytes) {
  char registry_dir[] = "/tmp/trib_binlog_bench_registry_XXXXXX";
  std::unique_ptr<registry::Registry> embedded;
  std::unique_ptr<connect::Converter> key_converter, value_converter;
  if (mode == "json") {
    key_converter = std::make_unique<converters::JsonConverter>();
    value_converter = std::make_unique<converters::JsonConverter>();
  } else if (mode == "avro") {
    auto opened = registry::Registry::OpenEmbedded(mkdtemp(registry_dir));
    Check(opened.status(), "embedded registry");
    embedded = std::move(opened).value();
    registry::SetEmbeddedRegistry(embedded.get());
    key_converter = std::make_unique<converters::AvroConverter>();
    value_converter = std::make_unique<converters::AvroConverter>();
  }
  if (key_converter) {
    Check(key_converter->Configure(connect::Config(), true), "key converter");
    Check(value_converter->Configure(connect::Config(), false), "value converter");
  }
  auto task = NewMySqlSourceTask();
  connect::Config config;
  config.Set("database.hostname", admin.host);
  config.Set("database.port", std::to_string(admin.port));
  config.Set("database.user", admin.user);
  config.Set("database.password", admin.password);
  config.Set("database.server.id", "90002");
  config.Set("topic.prefix", "bench");
  config.Set("table.include.list", "trib_bench\\.orders");
  config.Set("snapshot.mode", "never");
  nlohmann::json partition{{"server", "bench"}};
  nlohmann::json offset{{"file", file}, {"pos", 4}, {"event", 0}, {"row", 0}};
  char data_dir[] = "/tmp/trib_binlog_bench_data_XXXXXX";
  auto start = Clock::now();
  double cpu_start = ProcessCpu();
  Check(task->Start({"bench", 0, mkdtemp(data_dir)}, config, {{partition.dump(), offset}}),
        "task start");
  int64_t records = 0;
  double convert_cpu = 0;
  uint64_t converted_bytes = 0;
  data::RecordBatch batch;
  std::string key_bytes, value_bytes;
  while (records < rows) {
    batch.clear();
    Check(task->Poll(&batch, 10000), "poll");
    if (batch.empty()) break;
    records += static_cast<int64_t>(batch.size());
    if (!key_converter) continue;
    double convert_start = ThreadCpu();
    for (const data::Record& r : batch.records) {
      Check(key_converter->FromConnectData(r.topic, r.key_schema, r.key, &key_bytes), "key");
      Check(value_converter->FromConnectData(r.topic, r.value_schema, r.value, &value_bytes),
            "value");
      converted_bytes += key_bytes.size() + value_bytes.size();
    }
    convert_cpu += ThreadCpu() - convert_start;
  }
  Timing t{std::chrono::duration<double>(Clock::now() - start).count(), ProcessCpu() - cpu_start};
  task->Stop();
  std::filesystem::remove_all(data_dir);
  key_converter.reset();
  value_converter.reset();
  if (embedded) {
    registry::SetEmbeddedRegistry(nullptr);
    embedded.reset();
    std::filesystem::remove_all(registry_dir);
  }
  if (mode != "records") {
    std::fprintf(stderr, "%.*s: %llu bytes of keys and values\n", static_cast<int>(mode.size()),
                 mode.data(), static_cast<unsigned long long>(converted_bytes));
  }
  Report(std::string(mode).c_str(), records, t, bytes, mode == "records" ? -1 : convert_cpu);
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 1000000;
  std::string modes = "raw,verbose,decode,records";
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--rows") rows = std::atoll(argv[i + 1]);
    if (std::string(argv[i]) == "--modes") modes = argv[i + 1];
  }
  auto wanted = [&modes](std::string_view mode) {
    return ("," + modes + ",").find(fmt::format(",{},", mode)) != std::string::npos;
  };
  ConnectionOptions admin;
  admin.host = Env("TRIB_MARIADB_HOST");
  admin.port = std::atoi(Env("TRIB_MARIADB_PORT").c_str());
  admin.user = Env("TRIB_MARIADB_ADMIN_USER");
  admin.password = Env("TRIB_MARIADB_ADMIN_PASSWORD");
  auto conn = MysqlConnection::Connect(admin);
  Check(conn.status(), "connect");
  MysqlConnection& c = **conn;
  Check(c.Execute("DROP DATABASE IF EXISTS trib_bench"), "drop");
  Check(c.Execute("CREATE DATABASE trib_bench"), "create db");
  Check(c.Execute("CREATE TABLE trib_bench.orders (id BIGINT PRIMARY KEY, customer_id INT, "
                  "quantity SMALLINT, price DECIMAL(10,2), discount FLOAT, paid TINYINT, "
                  "status VARCHAR(16), customer_name VARCHAR(64), email VARCHAR(128), "
                  "created_at DATETIME(3), ship_date DATE, note TEXT)"),
        "create table");
  Check(c.Execute("FLUSH BINARY LOGS"), "flush");
  auto master = c.Query("SHOW MASTER STATUS");
  Check(master.status(), "master status");
  std::string file = *(*master)[0][0];
  auto load_start = Clock::now();
  Check(c.Execute(fmt::format(
            "INSERT INTO trib_bench.orders SELECT seq, seq % 10007, seq % 100, seq / 7, "
            "IF(seq % 3 = 0, NULL, seq % 50 / 100), seq % 2, ELT(1 + seq % 5, 'new', 'paid', "
            "'shipped', 'delivered', 'returned'), CONCAT('customer ', seq % 5000), "
            "IF(seq % 4 = 0, NULL, CONCAT('user', seq, '@example.com')), "
            "TIMESTAMP('2024-01-01') + INTERVAL seq SECOND, DATE('2024-01-01') + INTERVAL seq "
            "% 365 DAY, IF(seq % 10 = 0, REPEAT('n', 40), NULL) FROM trib_bench.seq_1_to_{}",
            rows)),
        "load");
  double load_s = std::chrono::duration<double>(Clock::now() - load_start).count();
  Check(c.Execute("FLUSH BINARY LOGS"), "flush");
  auto logs = c.Query("SHOW BINARY LOGS");
  Check(logs.status(), "binary logs");
  uint64_t bytes = 0;
  for (const auto& row : *logs) {
    if (*row[0] == file) bytes = std::stoull(*row[1]);
  }
  std::fprintf(stderr, "loaded %lld rows in %.1f s; binlog %s has %llu bytes\n",
               static_cast<long long>(rows), load_s, file.c_str(),
               static_cast<unsigned long long>(bytes));

  std::string auth = fmt::format("--host={} --port={} --user={} --password='{}'", admin.host,
                                 admin.port, admin.user, admin.password);
  if (wanted("raw")) {
    char dir[] = "/tmp/trib_binlog_bench_XXXXXX";
    std::string raw_dir = mkdtemp(dir);
    Report("raw", rows,
           TimeCommand(fmt::format("mariadb-binlog --read-from-remote-server {} --raw "
                                   "--result-file={}/ {}",
                                   auth, raw_dir, file)),
           bytes);
    std::system(fmt::format("rm -rf {}", raw_dir).c_str());
  }
  if (wanted("verbose")) {
    Report("verbose", rows,
           TimeCommand(fmt::format(
               "mariadb-binlog --read-from-remote-server {} -v {} > /dev/null", auth, file)),
           bytes);
  }
  if (wanted("decode")) Report("decode", rows, DecodeOnly(admin, file, rows), bytes);

  for (const char* mode : {"records", "json", "avro"}) {
    if (wanted(mode)) SourceTask(mode, admin, file, rows, bytes);
  }
  Check(c.Execute("DROP DATABASE trib_bench"), "drop");
  return 0;
}
