# trtdoctor_embed(TARGET target SYMBOL name FILES ...)
# Compiles text files into the binary as {file name, contents} pairs, so pages and the
# catalogue travel inside the executable and cannot drift from it.
function(trtdoctor_embed)
    cmake_parse_arguments(ARG "" "TARGET;SYMBOL" "FILES" ${ARGN})
    set(out ${CMAKE_CURRENT_BINARY_DIR}/${ARG_SYMBOL}_embedded.cc)
    add_custom_command(OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSYMBOL=${ARG_SYMBOL} "-DFILES=${ARG_FILES}"
                -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
        DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
        COMMENT "Embedding ${ARG_SYMBOL}" VERBATIM)
    target_sources(${ARG_TARGET} PRIVATE ${out})
endfunction()
