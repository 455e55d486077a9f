#include "parquet/page_compressor.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace tributary::parquet {

struct PageCompressor::Job {
  enum class State { kQueued, kRunning, kDone };

  std::function<Status()> compress;
  std::function<Status(Status)> retire;
  State state = State::kQueued;  // guarded by the pool's mutex
  Status result;                 // set with kDone
};

namespace {

using Job = PageCompressor::Job;

// The process-wide threads that run jobs; a job is run once, by whoever claims it first.
class Pool {
 public:
  static Pool& Get() {
    static Pool pool;
    return pool;
  }

  void Enqueue(std::shared_ptr<Job> job) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(job));
    }
    work_.notify_one();
  }

  // Marks a queued job as taken by the caller, who must then Run() it.
  bool Claim(Job& job) {
    std::lock_guard lock(mutex_);
    if (job.state != Job::State::kQueued) return false;
    job.state = Job::State::kRunning;
    return true;
  }

  void Run(Job& job) {
    Status result = job.compress();
    {
      std::lock_guard lock(mutex_);
      job.result = std::move(result);
      job.state = Job::State::kDone;
    }
    done_.notify_all();
  }

  bool IsDone(const Job& job) {
    std::lock_guard lock(mutex_);
    return job.state == Job::State::kDone;
  }

  void WaitDone(const Job& job) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return job.state == Job::State::kDone; });
  }

  // A queued job that will never run: done, without running it.
  void Cancel(Job& job) {
    std::lock_guard lock(mutex_);
    if (job.state == Job::State::kQueued) job.state = Job::State::kDone;
  }

 private:
  Pool() {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i + 1 < std::max(2u, cores); ++i) threads_.emplace_back([this] { Work(); });
  }
  ~Pool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  void Work() {
    std::unique_lock lock(mutex_);
    while (true) {
      work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping
      std::shared_ptr<Job> job = std::move(queue_.front());
      queue_.pop_front();
      if (job->state != Job::State::kQueued) continue;  // claimed by its writer, or cancelled
      job->state = Job::State::kRunning;
      lock.unlock();
      Run(*job);
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable work_;
  std::condition_variable done_;
  std::deque<std::shared_ptr<Job>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

PageCompressor::PageCompressor(size_t depth) : depth_(depth) {}

PageCompressor::~PageCompressor() {
  Pool& pool = Pool::Get();
  for (const auto& job : unretired_) pool.Cancel(*job);
  for (const auto& job : unretired_) pool.WaitDone(*job);  // those already running
}

Status PageCompressor::Submit(std::function<Status()> compress,
                              std::function<Status(Status)> retire) {
  auto job = std::make_shared<Job>();
  job->compress = std::move(compress);
  job->retire = std::move(retire);
  unretired_.push_back(job);
  Pool::Get().Enqueue(std::move(job));
  if (unretired_.size() > depth_) return RetireOldest();
  return Status::OK();
}

Status PageCompressor::RetireAll() {
  Status first;
  while (!unretired_.empty()) {
    Status s = RetireOldest();
    if (first.ok()) first = std::move(s);
  }
  return first;
}

Status PageCompressor::RetireOldest() {
  Pool& pool = Pool::Get();
  std::shared_ptr<Job> oldest = unretired_.front();
  while (!pool.IsDone(*oldest)) {
    // Rather than wait, compress one of our own jobs that no pool thread has taken yet.
    auto idle = std::find_if(unretired_.begin(), unretired_.end(),
                             [&](const std::shared_ptr<Job>& job) { return pool.Claim(*job); });
    if (idle != unretired_.end()) {
      pool.Run(**idle);
    } else {
      pool.WaitDone(*oldest);
    }
  }
  unretired_.pop_front();
  // The pool set `result` before marking the job done, under the mutex IsDone() took.
  return oldest->retire(std::move(oldest->result));
}

}  // namespace tributary::parquet
