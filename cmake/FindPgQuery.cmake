# libpg_query, the PostgreSQL parser as a library (Debian: libpg-query-dev,
# PostgreSQL 17 grammar). Its pkg-config file, when there is one, gives the
# hints; the header and library are found either way. Defines the imported
# target PgQuery::PgQuery.
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_PgQuery QUIET libpg_query)
endif()
find_path(PgQuery_INCLUDE_DIR NAMES pg_query.h
          HINTS ${PC_PgQuery_INCLUDE_DIRS} PATH_SUFFIXES pg_query libpg_query)
find_library(PgQuery_LIBRARY NAMES pg_query HINTS ${PC_PgQuery_LIBRARY_DIRS})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PgQuery REQUIRED_VARS PgQuery_LIBRARY PgQuery_INCLUDE_DIR)

if(PgQuery_FOUND AND NOT TARGET PgQuery::PgQuery)
  add_library(PgQuery::PgQuery UNKNOWN IMPORTED)
  set_target_properties(PgQuery::PgQuery PROPERTIES
    IMPORTED_LOCATION "${PgQuery_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${PgQuery_INCLUDE_DIR}")
endif()
mark_as_advanced(PgQuery_INCLUDE_DIR PgQuery_LIBRARY)
