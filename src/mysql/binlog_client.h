// BinlogClient: streams the binlog of a MySQL/MariaDB server as a replica would.
//
// Connects through libmariadb (which handles authentication: mysql_native_password,
// caching_sha2_password, ed25519 plugins, TLS), announces the checksum it understands
// (@master_binlog_checksum), MariaDB's GTID capability (@mariadb_slave_capability=4) and a
// heartbeat period, registers as a replica with `server_id` (COM_REGISTER_SLAVE), then sends
// COM_BINLOG_DUMP from a file and position, or from a MariaDB GTID state
// (@slave_connect_state). A reader thread receives the events, verifies their CRC32 and
// queues them; the consumer takes them with Next(). ROTATE and heartbeat events are passed
// through (the consumer tracks file names); the client itself does not reconnect: after a
// disconnect Next() returns Unavailable and the owner reconnects from the position it has
// fully processed (see MySqlSourceTask), with backoff.
//
// Protocol: https://mariadb.com/kb/en/com_binlog_dump/ , https://mariadb.com/kb/en/com_register_slave/
//
// Thread-safety: Start/Next/Stop from one owner thread; the reader thread is internal.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/status.h"
#include "mysql/binlog_event.h"
#include "mysql/mysql_connection.h"

namespace tributary::mysql {

struct BinlogStart {
  std::string file;   // empty with a GTID state: the server finds the position
  uint64_t position = 4;
  std::string gtid_state;  // MariaDB "domain-server-seq,..." (used when file is empty)
};

struct BinlogClientOptions {
  ConnectionOptions connection;
  uint32_t server_id = 0;      // database.server.id; must differ from every server and replica
  int64_t heartbeat_ms = 10000;  // the server sends a HEARTBEAT when idle this long
  size_t max_queued_bytes = 64 << 20;
};

class BinlogClient {
 public:
  explicit BinlogClient(BinlogClientOptions options) : options_(std::move(options)) {}
  ~BinlogClient();

  Status Start(const BinlogStart& start);
  // Waits up to `timeout_ms` for the next event. Returns false on timeout. The event's bytes
  // stay valid until the next call. Unavailable after a disconnect, Corruption on a bad CRC.
  Result<bool> Next(BinlogEvent* event, int timeout_ms);
  void Stop();

  bool has_checksum() const { return checksum_; }

 private:
  void ReadLoop();

  BinlogClientOptions options_;
  std::unique_ptr<MysqlConnection> connection_;
  bool checksum_ = false;
  std::thread reader_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;  // raw events (without the OK byte)
  size_t queued_bytes_ = 0;
  Status reader_status_;  // set once the reader stops
  bool reader_done_ = false;
  bool stopping_ = false;
  std::string current_;  // the event handed out by the last Next()
};

}  // namespace tributary::mysql
