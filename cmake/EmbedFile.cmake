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

# vibeguard_embed_packed(TARGET_VAR SYMBOL FILE): like vibeguard_embed, of the packed
# form of the YAML file FILE (vibeguard/Support/YAMLPack.h), made by vibeguard-yaml-pack
# at build time; the data files then cost no YAML scanning at run time.
function(vibeguard_embed_packed OUT_VAR SYMBOL FILE)
  set(packed ${CMAKE_BINARY_DIR}/embedded/${SYMBOL}.bin)
  set(out ${CMAKE_BINARY_DIR}/embedded/${SYMBOL}.cpp)
  add_custom_command(
    OUTPUT ${packed}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/embedded
    COMMAND vibeguard-yaml-pack ${FILE} ${packed}
    DEPENDS ${FILE} vibeguard-yaml-pack
    COMMENT "Packing ${FILE}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${packed} -DOUT=${out} -DSYMBOL=${SYMBOL}
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedFileScript.cmake
    DEPENDS ${packed} ${CMAKE_SOURCE_DIR}/cmake/EmbedFileScript.cmake
    COMMENT "Embedding ${packed}")
  set(${OUT_VAR} ${out} PARENT_SCOPE)
endfunction()
