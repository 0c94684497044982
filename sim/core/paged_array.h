// An array of `size` elements kept in pages of kPage, a page made when one of
// its elements is first written: per-CPU state of which a million-CPU machine
// with a few busy CPUs makes a page or two. An element never written reads as
// T{} and costs nothing.
#ifndef TWSIM_CORE_PAGED_ARRAY_H_
#define TWSIM_CORE_PAGED_ARRAY_H_

#include <cstddef>
#include <utility>
#include <vector>

namespace twsim {

template <typename T, std::size_t kPage = 1024>
class PagedArray {
 public:
  PagedArray() = default;
  explicit PagedArray(std::size_t size) { resize(size); }

  void resize(std::size_t size) {
    const std::size_t was_last = pages_.size();  // one past the old last page
    size_ = size;
    pages_.resize((size + kPage - 1) / kPage);
    // A last page is only as long as the array (a 2-CPU machine makes a page
    // of 2); a made one grows with it.
    if (was_last > 0 && was_last <= pages_.size() && !pages_[was_last - 1].empty()) {
      pages_[was_last - 1].resize(page_length(was_last - 1));
    }
  }
  std::size_t size() const { return size_; }

  // Element i, its page made if need be. REQUIRES: i < size().
  T& operator[](std::size_t i) {
    std::vector<T>& page = pages_[i / kPage];
    if (page.empty()) page.resize(page_length(i / kPage));
    return page[i % kPage];
  }
  // Element i, or T{} if its page was never made. REQUIRES: i < size().
  const T& operator[](std::size_t i) const {
    static const T kNone{};
    const std::vector<T>& page = pages_[i / kPage];
    return page.empty() ? kNone : page[i % kPage];
  }

  // Appends one element (a test building an input CPU by CPU).
  void push_back(T value) {
    resize(size_ + 1);
    (*this)[size_ - 1] = std::move(value);
  }

  // fn(i, element) for the elements of every page made, in index order.
  template <typename Fn>
  void for_each_made(Fn fn) {
    visit_made(*this, fn);
  }
  template <typename Fn>
  void for_each_made(Fn fn) const {
    visit_made(*this, fn);
  }

  // Every element in index order, those of pages never made as T{}.
  class ConstIterator {
   public:
    ConstIterator(const PagedArray* array, std::size_t i) : array_(array), i_(i) {}
    const T& operator*() const { return (*array_)[i_]; }
    ConstIterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const ConstIterator& other) const { return i_ == other.i_; }

   private:
    const PagedArray* array_;
    std::size_t i_;
  };
  ConstIterator begin() const { return {this, 0}; }
  ConstIterator end() const { return {this, size_}; }

 private:
  std::size_t page_length(std::size_t page) const {
    const std::size_t first = page * kPage;
    return size_ - first < kPage ? size_ - first : kPage;
  }

  template <typename Self, typename Fn>
  static void visit_made(Self& self, Fn& fn) {
    for (std::size_t p = 0; p < self.pages_.size(); ++p) {
      const std::size_t first = p * kPage;
      for (std::size_t i = 0; i < self.pages_[p].size() && first + i < self.size_; ++i) {
        fn(first + i, self.pages_[p][i]);
      }
    }
  }

  std::size_t size_ = 0;
  std::vector<std::vector<T>> pages_;  // an empty page: never written
};

}  // namespace twsim

#endif  // TWSIM_CORE_PAGED_ARRAY_H_
