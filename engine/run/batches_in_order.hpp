// One reader, N workers, one taker that receives the batches back in input order: the threads of
// every command that reads a registry. At most a fixed number of batches are in flight, so memory
// stays flat whatever the input size, and what the taker sees is the same whatever the number of
// threads (the batches are cut by the reader alone).
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/run/line_source.hpp"

namespace regla {

// The number of threads `requested` means: 0 is every core.
unsigned thread_count(unsigned requested);

// `Work` holds `LineBatch lines` and what a worker makes of them, and has `clear()`.
// `process(worker, work)` runs on worker `worker` (0 to threads - 1, one thread each, so per-worker
// state needs no lock); `take(work)` runs on one thread, in input order, and returns false to stop
// reading (the batches already in flight are then processed but not taken).
template <class Work, class Process, class Take>
void process_in_order(LineSource& source, unsigned threads, Process process, Take take) {
  if (threads <= 1) {
    Work work;
    while (source.fill(work.lines)) {
      process(0u, work);
      if (!take(work)) return;
      work.clear();
    }
    return;
  }
  struct Slot {
    Work work;
    bool done = false;
  };
  std::mutex mutex;
  std::condition_variable work_ready, batch_done, slot_free;
  std::deque<Slot*> waiting;   // batches waiting for a worker
  std::deque<Slot*> in_order;  // batches waiting to be taken, in input order
  std::vector<std::unique_ptr<Slot>> pool;
  std::vector<Slot*> free_slots;
  for (unsigned i = 0; i < threads * 4; ++i) {
    pool.push_back(std::make_unique<Slot>());
    free_slots.push_back(pool.back().get());
  }
  bool reading_done = false;
  bool stopped = false;  // take() said so; read by the reader under the lock

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      while (true) {
        Slot* slot;
        {
          std::unique_lock lock(mutex);
          work_ready.wait(lock, [&] { return !waiting.empty() || reading_done; });
          if (waiting.empty()) return;
          slot = waiting.front();
          waiting.pop_front();
        }
        process(t, slot->work);
        {
          std::lock_guard lock(mutex);
          slot->done = true;
        }
        batch_done.notify_all();
      }
    });
  }
  // After take() said stop, the taker still receives the batches in flight, untaken, so that the
  // reader and the workers can finish.
  std::thread taker([&] {
    bool taking = true;
    while (true) {
      Slot* slot;
      {
        std::unique_lock lock(mutex);
        batch_done.wait(lock, [&] {
          return (!in_order.empty() && in_order.front()->done) ||
                 (reading_done && in_order.empty());
        });
        if (in_order.empty()) return;
        slot = in_order.front();
        in_order.pop_front();
      }
      if (taking) taking = take(slot->work);
      slot->work.clear();
      {
        std::lock_guard lock(mutex);
        slot->done = false;
        if (!taking) stopped = true;
        free_slots.push_back(slot);
      }
      slot_free.notify_one();
    }
  });

  while (true) {
    Slot* slot;
    {
      std::unique_lock lock(mutex);
      slot_free.wait(lock, [&] { return !free_slots.empty(); });
      if (stopped) break;
      slot = free_slots.back();
      free_slots.pop_back();
    }
    if (!source.fill(slot->work.lines)) {
      std::lock_guard lock(mutex);
      free_slots.push_back(slot);
      break;
    }
    {
      std::lock_guard lock(mutex);
      waiting.push_back(slot);
      in_order.push_back(slot);
    }
    work_ready.notify_one();
  }
  {
    std::lock_guard lock(mutex);
    reading_done = true;
  }
  work_ready.notify_all();
  batch_done.notify_all();
  for (std::thread& worker : workers)
    worker.join();
  batch_done.notify_all();
  taker.join();
}

}  // namespace regla
