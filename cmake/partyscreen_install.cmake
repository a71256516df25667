# Installation and the Debian package (issue 15):
#   cmake --install build --prefix /usr        binary, data, man page, systemd unit, docs
#   (cd build && cpack -G DEB)                  partyscreen_<version>_<arch>.deb
# The installed binary finds its bundled snapshot in <prefix>/share/partyscreen (DefaultDataDir in
# src/lists/snapshot.cc), so the package works from /usr and an unpacked tree alike.
include(GNUInstallDirs)

install(TARGETS partyscreen RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/default DESTINATION ${CMAKE_INSTALL_DATADIR}/partyscreen)
install(FILES ${PROJECT_SOURCE_DIR}/data/sources.tsv DESTINATION ${CMAKE_INSTALL_DATADIR}/partyscreen)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/examples DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/API.md
              ${PROJECT_SOURCE_DIR}/docs/UPDATES.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/partyscreen.service DESTINATION lib/systemd/system)
# The service's options: /etc whatever the prefix (the unit names this path; `cmake --install`
# with DESTDIR, or the package, keeps it inside the staging tree).
install(FILES ${PROJECT_SOURCE_DIR}/packaging/serve.ini DESTINATION /etc/partyscreen)

# The man page, made from --help by help2man (Debian package help2man) when it is there.
find_program(HELP2MAN help2man)
if(HELP2MAN)
  set(man ${PROJECT_BINARY_DIR}/partyscreen.1)
  add_custom_command(
    OUTPUT ${man}
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=1
            --name "screen names against restricted-party lists"
            --include ${PROJECT_SOURCE_DIR}/packaging/man-include.txt
            --output ${man} $<TARGET_FILE:partyscreen>
    DEPENDS partyscreen ${PROJECT_SOURCE_DIR}/packaging/man-include.txt
    COMMENT "Generating the man page partyscreen.1")
  add_custom_target(partyscreen_man ALL DEPENDS ${man})
  install(FILES ${man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME partyscreen)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "partyscreen maintainers <partyscreen@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "restricted-party screening against official sanctions and export lists")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Screens names against the BIS Entity List, OFAC SDN, the Consolidated Screening List,\n UN, UK and own lists; explains every hit; HTTP API with an audit trail.")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # dependencies from the linked libraries (dpkg-shlibdeps)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_SET_DESTDIR ON)  # the absolute /etc destination goes into the package, not the machine
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/packaging/conffiles)
# Only the runtime: tests, benchmarks and tools are not installed components.
include(CPack)
