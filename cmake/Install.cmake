# SPDX-License-Identifier: GPL-3.0-or-later
# `cmake --install` lays archsim out as a desktop application (GNUInstallDirs), and CPack turns the
# same layout into a Debian package. The programs find what they ship with relative to their own
# directory (ARCHSIM_DATA_FROM_BIN, app/CMakeLists.txt), so any prefix and any DESTDIR work.

set(ARCHSIM_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/archsim)

install(TARGETS archsim-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET archsim)
  install(TARGETS archsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

# What the programs read at run time. The GUI has the presets and pricing compiled in as well;
# installed copies let users open, copy and edit them, and the CLI prices runs from them.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/presets ${PROJECT_SOURCE_DIR}/resources/pricing
                  ${PROJECT_SOURCE_DIR}/resources/sweeps
        DESTINATION ${ARCHSIM_INSTALL_DATADIR} FILES_MATCHING PATTERN "*.json")
# Lessons are optional content: installed when the source tree has them.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/lessons DESTINATION ${ARCHSIM_INSTALL_DATADIR}
        OPTIONAL)
install(FILES ${PROJECT_SOURCE_DIR}/resources/scenario.schema.json
              ${PROJECT_SOURCE_DIR}/resources/sweep.schema.json
        DESTINATION ${ARCHSIM_INSTALL_DATADIR})

install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Debian's machine-readable copyright file, where every package keeps it (share/doc/PACKAGE).
install(FILES ${PROJECT_SOURCE_DIR}/resources/debian/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Desktop integration: launcher, icon, and a MIME type of its own for scenario files.
if(TARGET archsim)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/archsim.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/archsim.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/mime/archsim.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages)
endif()

# ---- Debian package (cpack --preset deb, or scripts/package) ------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME archsim)
set(CPACK_PACKAGE_VENDOR archsim)
set(CPACK_PACKAGE_CONTACT "archsim developers <developers@archsim.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "simulator of tail latency and cost of cloud architectures")
# The long description, wrapped under 80 columns as Debian asks.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
       "archsim is a desktop simulator for software architects, instructors and\n"
       "design reviewers. A discrete-event engine pushes request traffic through\n"
       "serverless topologies (gateway, function instances with cold starts, network\n"
       "caches, databases) and stateful ones (load-balanced servers with in-memory\n"
       "caches, autoscaling), then charts percentile latency over time and the\n"
       "monthly bill. It ships a Qt desktop application, the headless archsim-cli\n"
       "for scripts, and presets that tell the serverless-or-servers story.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # archsim_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library dependencies come from the binaries themselves (dpkg-shlibdeps), so they always match
# what was linked (Qt 6, QCustomPlot, libstdc++).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
