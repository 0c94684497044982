// Spelling suggestions for mistyped names ("did you mean 'run'?").
#ifndef TWSIM_CLI_EDIT_DISTANCE_H_
#define TWSIM_CLI_EDIT_DISTANCE_H_

#include <span>
#include <string>
#include <string_view>

namespace twsim {

// Optimal-string-alignment distance: insertions, deletions, substitutions and
// swaps of two adjacent characters each cost 1 ("rnu" -> "run" is 1).
int edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is within 2 edits and closer than
// retyping the word; "" otherwise. Ties go to the earlier candidate.
std::string closest_match(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace twsim

#endif  // TWSIM_CLI_EDIT_DISTANCE_H_
