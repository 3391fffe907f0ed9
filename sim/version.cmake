# Writes sim/version.hpp at build time, so that results files name the commit the binary was
# built from (and whether the tree had uncommitted changes). configure_file leaves the header
# untouched when nothing changed, so this costs no rebuilds.
execute_process(COMMAND git describe --always --dirty --abbrev=12 WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE CIVICSIM_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT CIVICSIM_GIT_COMMIT)
  set(CIVICSIM_GIT_COMMIT "unknown")
endif()
configure_file(${INPUT} ${OUTPUT} @ONLY)
