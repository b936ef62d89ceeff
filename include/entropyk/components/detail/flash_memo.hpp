// A memo of the last few results of one pure property call, keyed on the exact input doubles.
#pragma once

#include <array>
#include <cstddef>
#include <limits>

namespace entropyk::detail {

/// Within one residual evaluation of a cycle the same state is flashed several times: a
/// connection's (p, h) by the component upstream and the one downstream, the saturation state of
/// each pressure level by every component on it (on the R410A heat pump: 9 (p,h) flashes and 7
/// saturation calls per evaluation for 4 distinct states and 2 levels). The property calls are
/// pure functions of their inputs, so their results can be reused as long as the inputs are
/// bit-for-bit the same: nothing to invalidate, and the answer is identical with or without the
/// memo. Only successful results are kept (failures are rare and carry a long message).
/// N entries, replaced round-robin; a lookup is N pairs of double comparisons. Never allocates.
template <class Value, std::size_t N>
class FlashMemo {
  public:
    /// The kept result for (a, b), or nullptr.
    [[nodiscard]] const Value* find(double a, double b) const noexcept {
        for (const Entry& e : entries_)
            if (e.a == a && e.b == b) return &e.value;
        return nullptr;
    }
    void put(double a, double b, const Value& v) noexcept {
        entries_[next_] = Entry{a, b, v};
        next_ = next_ + 1 == N ? 0 : next_ + 1;
    }

  private:
    struct Entry {
        // NaN keys never compare equal: an empty entry never matches.
        double a = std::numeric_limits<double>::quiet_NaN();
        double b = std::numeric_limits<double>::quiet_NaN();
        Value value{};
    };
    std::array<Entry, N> entries_{};
    std::size_t next_ = 0;
};

} // namespace entropyk::detail
