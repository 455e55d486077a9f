// Times ParquetFileWriter on N rows of a 12-column record (ints of every width, floats, a
// boolean, low- and high-cardinality strings, an optional string, Timestamp and Date), the
// rows built beforehand so that only shredding, encoding, compression and the footer count.
// The rows go to the writer in one WriteBatch().
//
//   parquet_write_bench [--rows N] [--codec snappy|gzip|zstd|none] [--repeat K] [--out FILE]
//                       [--glibc-default-malloc] [--inline-compression]
//
// Closed pages are encoded and compressed on other cores while rows are shredded (the
// writer's default); --inline-compression does both on the writing thread, as pyarrow does.
// CPU time is the whole process's, pool threads included.
//
// By default the process keeps freed memory for reuse (mallopt), as Arrow's jemalloc pool
// does for pyarrow; --glibc-default-malloc measures with glibc's defaults, where every large
// buffer of every file is fresh memory from the kernel.
//
// Prints one JSON line: {"rows", "codec", "seconds" (best wall time of K), "cpu_seconds" (best
// process CPU time of K), "writer_thread_cpu_seconds" (best CPU time of the calling thread: the
// rest ran on the pool), "input_scan_cpu_seconds" (one pass reading every value, the floor
// that the row representation sets), "file_bytes"}. --out keeps
// the file, which compare_pyarrow.py reads to have pyarrow write exactly the same records.
#include <malloc.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "data/schema.h"
#include "data/value.h"
#include "parquet/file_writer.h"

namespace {

using tributary::data::SchemaBuilder;
using tributary::data::SchemaPtr;
using tributary::data::Value;
namespace data = tributary::data;
namespace parquet = tributary::parquet;

SchemaPtr OrderSchema() {
  return SchemaBuilder::Struct()
      .Name("shop.public.orders.Value")
      .Field("id", data::Int64Schema())
      .Field("customer_id", data::Int32Schema())
      .Field("quantity", data::Int16Schema())
      .Field("price", data::Float64Schema())
      .Field("discount", data::OptionalFloat32Schema())
      .Field("paid", data::BooleanSchema())
      .Field("status", data::StringSchema())
      .Field("customer_name", data::StringSchema())
      .Field("email", data::OptionalStringSchema())
      .Field("created_at", SchemaBuilder::Timestamp().Build())
      .Field("ship_date", SchemaBuilder::Date().Optional().Build())
      .Field("note", data::OptionalStringSchema())
      .Build();
}

std::vector<Value> MakeRows(const SchemaPtr& schema, int64_t n) {
  static const char* const kStatus[] = {"new", "paid", "shipped", "delivered", "returned"};
  std::mt19937_64 rng(7);
  std::vector<Value> rows;
  rows.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const uint64_t r = rng();
    Value row = Value::EmptyStruct(schema);
    auto& v = row.mutable_struct().values;
    v[0] = Value::Int(i + 1);
    v[1] = Value::Int(static_cast<int64_t>(r % 100000));
    v[2] = Value::Int(static_cast<int64_t>((r >> 17) % 20) + 1);
    v[3] = Value::Double(static_cast<double>((r >> 20) % 100000) / 100.0);
    v[4] = (r >> 40) % 4 == 0 ? Value::Null() : Value::Double(static_cast<float>((r >> 42) % 50) / 100.0f);
    v[5] = Value::Bool(((r >> 45) & 1) != 0);
    v[6] = Value::String(kStatus[(r >> 46) % 5]);
    v[7] = Value::String("customer number " + std::to_string(r % 100000));
    v[8] = (r >> 50) % 10 == 0 ? Value::Null()
                               : Value::String("user" + std::to_string(rng() % 10000000) + "@example.com");
    v[9] = Value::Int(1700000000000 + i * 37);
    v[10] = (r >> 53) % 3 == 0 ? Value::Null() : Value::Int(19700 + static_cast<int64_t>((r >> 55) % 365));
    v[11] = (r >> 60) % 2 == 0 ? Value::Null() : Value::String("leave at the door, ring twice");
    rows.push_back(std::move(row));
  }
  return rows;
}

// CPU time of this process (or of the calling thread): on a shared machine it is steadier
// than wall time.
double CpuSeconds(clockid_t clock = CLOCK_PROCESS_CPUTIME_ID) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Minor page faults so far: fresh memory the writer touched (last run).
long MinorFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 1000000;
  int repeat = 3;
  std::string codec_name = "snappy";
  std::string out_path;
  bool retain_memory = true;
  bool background_compression = true;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "parquet_write_bench: %s needs a value\n", argv[i]);
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--rows") rows = std::stoll(next());
    else if (arg == "--codec") codec_name = next();
    else if (arg == "--repeat") repeat = std::stoi(next());
    else if (arg == "--out") out_path = next();
    else if (arg == "--glibc-default-malloc") retain_memory = false;
    else if (arg == "--inline-compression") background_compression = false;
    else {
      std::fprintf(stderr, "parquet_write_bench: unknown argument '%s'\n", argv[i]);
      return 2;
    }
  }
  if (retain_memory) {
    // Like Arrow's jemalloc pool (what pyarrow writes with): freed blocks stay in the process
    // for the next file instead of going back to the kernel and faulting in again, zeroed.
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
  }
  auto codec = parquet::ParseCodec(codec_name);
  if (!codec.ok()) {
    std::fprintf(stderr, "parquet_write_bench: %s\n", codec.status().ToString().c_str());
    return 2;
  }
  const SchemaPtr schema = OrderSchema();
  const std::vector<Value> data = MakeRows(schema, rows);
  parquet::WriterOptions options;
  options.codec = *codec;
  options.background_compression = background_compression;

  // The floor set by the input: one pass that reads every value of every row.
  double scan_cpu = 1e300;
  for (int run = 0; run < repeat; ++run) {
    const double cpu_start = CpuSeconds();
    uint64_t checksum = 0;
    for (const Value& row : data) {
      for (const Value& v : row.as_struct().values) {
        switch (v.kind()) {
          case Value::Kind::kInt: checksum += static_cast<uint64_t>(v.as_int()); break;
          case Value::Kind::kDouble: checksum += static_cast<uint64_t>(v.as_double()); break;
          case Value::Kind::kBool: checksum += v.as_bool(); break;
          case Value::Kind::kString: checksum += static_cast<unsigned char>(v.as_string().back()); break;
          default: break;
        }
      }
    }
    scan_cpu = std::min(scan_cpu, CpuSeconds() - cpu_start);
    if (checksum == 42) std::printf(" ");  // keeps the loop from being optimized away
  }

  double best = 1e300;
  double best_cpu = 1e300;
  double best_thread_cpu = 1e300;
  long faults = 0;
  std::string file;
  for (int run = 0; run < repeat; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = CpuSeconds();
    const double thread_cpu_start = CpuSeconds(CLOCK_THREAD_CPUTIME_ID);
    const long faults_start = MinorFaults();
    auto writer = parquet::ParquetFileWriter::Create(schema, options);
    if (!writer.ok()) {
      std::fprintf(stderr, "%s\n", writer.status().ToString().c_str());
      return 1;
    }
    std::vector<const Value*> batch;
    batch.reserve(data.size());
    for (const Value& row : data) batch.push_back(&row);
    if (auto s = (*writer)->WriteBatch(batch); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
    auto result = (*writer)->Finish();
    if (!result.ok()) {
      std::fprintf(stderr, "%s\n", result.status().ToString().c_str());
      return 1;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::min(best, seconds);
    best_cpu = std::min(best_cpu, CpuSeconds() - cpu_start);
    best_thread_cpu =
        std::min(best_thread_cpu, CpuSeconds(CLOCK_THREAD_CPUTIME_ID) - thread_cpu_start);
    faults = MinorFaults() - faults_start;
    file = std::move(*result);
  }
  if (!out_path.empty()) std::ofstream(out_path, std::ios::binary) << file;
  std::printf(
      "{\"rows\": %lld, \"codec\": \"%s\", \"seconds\": %.6f, \"cpu_seconds\": %.6f, "
      "\"writer_thread_cpu_seconds\": %.6f, \"input_scan_cpu_seconds\": %.6f, "
      "\"page_faults\": %ld, \"file_bytes\": %zu}\n",
      static_cast<long long>(rows), std::string(parquet::CodecName(*codec)).c_str(), best, best_cpu,
      best_thread_cpu, scan_cpu, faults, file.size());
  return 0;
}
