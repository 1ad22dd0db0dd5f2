# vibeguard_embed(TARGET_VAR SYMBOL FILE): turns FILE into a generated C++ source that
# defines `extern const char SYMBOL[]` (NUL-terminated) and `SYMBOL##Size`, so data files
# (catalog, Annex A, secret formats) ship inside the binaries and need no install path.
function(vibeguard_embed OUT_VAR SYMBOL FILE)
  set(out ${CMAKE_BINARY_DIR}/embedded/${SYMBOL}.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${FILE} -DOUT=${out} -DSYMBOL=${SYMBOL}
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedFileScript.cmake
    DEPENDS ${FILE} ${CMAKE_SOURCE_DIR}/cmake/EmbedFileScript.cmake
    COMMENT "Embedding ${FILE}")
  set(${OUT_VAR} ${out} PARENT_SCOPE)
endfunction()
