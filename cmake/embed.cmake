# Turns the files in templates/ into a C++ header of string constants, so the
# binary carries its built-in templates. Usage:
#   cmake -DOUT=... -DFILES="a;b" -P embed.cmake
set(content "// Generated from templates/ by cmake/embed.cmake: do not edit.\n#pragma once\n#include <string_view>\nnamespace kith::templates {\n")
foreach(f IN LISTS FILES)
  get_filename_component(name "${f}" NAME)
  string(MAKE_C_IDENTIFIER "${name}" id)
  file(READ "${f}" text)
  string(APPEND content "inline constexpr std::string_view k_${id} = R\"kith_template(${text})kith_template\";\n")
endforeach()
string(APPEND content "} // namespace kith::templates\n")
file(WRITE "${OUT}.tmp" "${content}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
