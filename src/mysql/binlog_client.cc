#include "mysql/binlog_client.h"

#include <chrono>

namespace tributary::mysql {
namespace {

void PutLE(std::string& out, uint64_t v, int n) {
  for (int i = 0; i < n; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

Status SendCommand(MYSQL* mysql, enum_server_command command, const std::string& payload,
                   bool expect_ok) {
  // With skip_check=0 libmariadb reads the OK/error reply itself; the dump command's reply
  // is the event stream, read by the caller.
  if (mysql->methods->db_command(mysql, command, payload.data(), payload.size(),
                                 expect_ok ? 0 : 1, nullptr) != 0) {
    return Status::IOError("replication command {} failed: {}", static_cast<int>(command),
                           mysql_error(mysql));
  }
  return Status::OK();
}

}  // namespace

BinlogClient::~BinlogClient() { Stop(); }

Status BinlogClient::Start(const BinlogStart& start) {
  Stop();
  stopping_ = false;
  reader_done_ = false;
  reader_status_ = Status::OK();
  queue_.clear();
  queued_bytes_ = 0;
  TRIB_ASSIGN_OR_RETURN(connection_, MysqlConnection::Connect(options_.connection));
  TRIB_ASSIGN_OR_RETURN(auto rows, connection_->Query("SELECT @@global.binlog_checksum"));
  checksum_ = !rows.empty() && rows[0][0] && *rows[0][0] == "CRC32";
  TRIB_RETURN_IF_ERROR(connection_->Execute(
      "SET @master_binlog_checksum = @@global.binlog_checksum, "
      "@mariadb_slave_capability = 4"));
  if (options_.heartbeat_ms > 0) {
    TRIB_RETURN_IF_ERROR(connection_->Execute(fmt::format(
        "SET @master_heartbeat_period = {}", options_.heartbeat_ms * 1'000'000)));
  }
  bool by_gtid = start.file.empty();
  if (by_gtid) {
    TRIB_RETURN_IF_ERROR(connection_->Execute(
        fmt::format("SET @slave_connect_state = '{}'", connection_->Escape(start.gtid_state))));
  }
  MYSQL* mysql = connection_->handle();
  std::string reg;
  PutLE(reg, options_.server_id, 4);
  reg += '\0';  // hostname, user, password: empty
  reg += '\0';
  reg += '\0';
  PutLE(reg, 0, 2);  // port
  PutLE(reg, 0, 4);  // replication rank
  PutLE(reg, 0, 4);  // master id
  TRIB_RETURN_IF_ERROR(SendCommand(mysql, COM_REGISTER_SLAVE, reg, true)
                           .Annotate("registering as replica (database.server.id)"));
  std::string dump;
  PutLE(dump, by_gtid ? 4 : start.position, 4);
  // Flags: BINLOG_SEND_ANNOTATE_ROWS_EVENT (2), always, so that event counts within a
  // transaction (offsets) do not depend on include.query; block at the end of the log.
  PutLE(dump, 2, 2);
  PutLE(dump, options_.server_id, 4);
  if (!by_gtid) dump += start.file;
  TRIB_RETURN_IF_ERROR(SendCommand(mysql, COM_BINLOG_DUMP, dump, false));
  reader_ = std::thread([this] { ReadLoop(); });
  return Status::OK();
}

void BinlogClient::ReadLoop() {
  MYSQL* mysql = connection_->handle();
  Status status;
  while (true) {
    unsigned long length = mysql_net_read_packet(mysql);
    {
      std::lock_guard lock(mu_);
      if (stopping_) break;
    }
    if (length == packet_error || length == 0) {
      unsigned code = mysql_errno(mysql);
      std::string message = mysql_error(mysql);
      if (code == 1236) {  // ER_MASTER_FATAL_ERROR_READING_BINLOG: purged or unknown position
        status = Status::NotFound(
            "the server cannot serve the requested binlog position: {} (the binlog was "
            "probably purged; use snapshot.mode=when_needed to take a new snapshot)",
            message);
      } else {
        status = Status::Unavailable("binlog stream from {} broke: {} (error {})",
                                     connection_->Describe(), message, code);
      }
      break;
    }
    const unsigned char* data = mysql->net.read_pos;
    if (data[0] == 0xfe && length < 8) {
      status = Status::Unavailable("the server ended the binlog stream");
      break;
    }
    std::string event(reinterpret_cast<const char*>(data) + 1, length - 1);
    // The CRC is checked here, off the consumer's thread: the events before a corrupt one
    // are still delivered, then Next() reports the corruption.
    if (auto parsed = ParseBinlogEvent(event, checksum_); !parsed.ok()) {
      status = parsed.status();
      break;
    }
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return stopping_ || queued_bytes_ < options_.max_queued_bytes; });
    if (stopping_) break;
    queued_bytes_ += event.size();
    queue_.push_back(std::move(event));
    cv_.notify_all();
  }
  std::lock_guard lock(mu_);
  reader_status_ = status.ok() ? Status::Cancelled("binlog client stopped") : status;
  reader_done_ = true;
  cv_.notify_all();
}

Result<bool> BinlogClient::Next(BinlogEvent* event, int timeout_ms) {
  {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [&] { return !queue_.empty() || reader_done_; })) {
      return false;
    }
    if (queue_.empty()) return reader_status_;
    current_ = std::move(queue_.front());
    queue_.pop_front();
    queued_bytes_ -= current_.size();
    cv_.notify_all();
  }
  TRIB_ASSIGN_OR_RETURN(*event, ParseBinlogEvent(current_, checksum_, /*verify_checksum=*/false));
  return true;
}

void BinlogClient::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    cv_.notify_all();
  }
  if (reader_.joinable()) {
    connection_->Interrupt();
    reader_.join();
  }
  connection_.reset();
}

}  // namespace tributary::mysql
