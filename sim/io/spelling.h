// Spelling suggestions for mistyped names ("did you mean 'cpus'?"): the one
// edit distance behind the config reader's and the command line's hints.
#ifndef TWSIM_IO_SPELLING_H_
#define TWSIM_IO_SPELLING_H_

#include <span>
#include <string>
#include <string_view>

namespace twsim {

enum class LetterCase { kExact, kIgnore };

// Optimal-string-alignment distance: insertions, deletions, substitutions and
// swaps of two adjacent characters each cost 1 ("rnu" -> "run" is 1).
int edit_distance(std::string_view a, std::string_view b,
                  LetterCase letter_case = LetterCase::kExact);

// The candidate closest to `word`, if it is at most `max_distance` edits away
// and fewer edits than the word is long; "" otherwise. Ties go to the earlier.
std::string closest_within(std::string_view word, std::span<const std::string_view> candidates,
                           int max_distance, LetterCase letter_case);

// closest_within for config keys and words: case-insensitive, at most 1 edit
// for words of up to 4 characters, else 2.
std::string closest_spelling(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace twsim

#endif  // TWSIM_IO_SPELLING_H_
