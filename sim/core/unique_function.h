// A move-only callable, like std::function but without a heap allocation per
// call site: a callable of up to kInline bytes lives inside the object; a
// larger one (a closure that captures another closure) lives in a block from
// the thread's pool (block_pool.h), which is reused event after event. The
// engine stores one per pending event (event_queue.h), so this is what keeps
// an event from costing a malloc and a free.
#ifndef TWSIM_CORE_UNIQUE_FUNCTION_H_
#define TWSIM_CORE_UNIQUE_FUNCTION_H_

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

#include "sim/core/block_pool.h"

namespace twsim {

template <typename Signature>
class UniqueFunction;

template <typename R, typename... Args>
class UniqueFunction<R(Args...)> {
 public:
  static constexpr std::size_t kInline = 48;

  UniqueFunction() noexcept = default;
  UniqueFunction(std::nullptr_t) noexcept {}  // NOLINT: like std::function
  template <typename F, typename D = std::decay_t<F>,
            typename = std::enable_if_t<!std::is_same_v<D, UniqueFunction> &&
                                        std::is_invocable_r_v<R, D&, Args...>>>
  UniqueFunction(F&& f) {  // NOLINT: implicit, like std::function
    if constexpr (fits_inline<D>()) {
      ::new (static_cast<void*>(storage_)) D(std::forward<F>(f));
      ops_ = &kInlineOps<D>;
    } else {
      void* block = pool_allocate(sizeof(D));
      ::new (block) D(std::forward<F>(f));
      *reinterpret_cast<void**>(storage_) = block;
      ops_ = &kPooledOps<D>;
    }
  }
  UniqueFunction(UniqueFunction&& other) noexcept { take(other); }
  UniqueFunction& operator=(UniqueFunction&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  UniqueFunction(const UniqueFunction&) = delete;
  UniqueFunction& operator=(const UniqueFunction&) = delete;
  ~UniqueFunction() { reset(); }

  explicit operator bool() const noexcept { return ops_ != nullptr; }
  // const like std::function's: calling may change the callable's state.
  R operator()(Args... args) const { return ops_->invoke(storage_, std::forward<Args>(args)...); }

 private:
  struct Ops {
    R (*invoke)(void* storage, Args&&... args);
    // Moves the callable from `from` into the empty `to` and ends `from`'s.
    void (*relocate)(void* from, void* to) noexcept;
    void (*destroy)(void* storage) noexcept;
  };

  template <typename D>
  static constexpr bool fits_inline() {
    return sizeof(D) <= kInline && alignof(D) <= alignof(std::max_align_t) &&
           std::is_nothrow_move_constructible_v<D>;
  }

  template <typename D>
  static constexpr Ops kInlineOps{
      [](void* s, Args&&... args) -> R {
        return (*std::launder(static_cast<D*>(s)))(std::forward<Args>(args)...);
      },
      [](void* from, void* to) noexcept {
        D* f = std::launder(static_cast<D*>(from));
        ::new (to) D(std::move(*f));
        f->~D();
      },
      [](void* s) noexcept { std::launder(static_cast<D*>(s))->~D(); }};

  template <typename D>
  static constexpr Ops kPooledOps{
      [](void* s, Args&&... args) -> R {
        return (*static_cast<D*>(*static_cast<void**>(s)))(std::forward<Args>(args)...);
      },
      [](void* from, void* to) noexcept { *static_cast<void**>(to) = *static_cast<void**>(from); },
      [](void* s) noexcept {
        D* d = static_cast<D*>(*static_cast<void**>(s));
        d->~D();
        pool_free(d, sizeof(D));
      }};

  void take(UniqueFunction& other) noexcept {
    ops_ = other.ops_;
    if (ops_ != nullptr) ops_->relocate(other.storage_, storage_);
    other.ops_ = nullptr;
  }
  void reset() noexcept {
    if (ops_ != nullptr) ops_->destroy(storage_);
    ops_ = nullptr;
  }

  alignas(std::max_align_t) mutable unsigned char storage_[kInline];
  const Ops* ops_ = nullptr;
};

}  // namespace twsim

#endif  // TWSIM_CORE_UNIQUE_FUNCTION_H_
