# Strict warnings, applied per target so that third-party headers are not affected.
function(archsim_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor
                                           -Wold-style-cast -Woverloaded-virtual)
  if(ARCHSIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
