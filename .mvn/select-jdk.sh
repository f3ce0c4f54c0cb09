# Sourced by ./mvnw (and the project's launchers) to pick a JDK that can build and run Java 21.
# An explicit JAVA_HOME always wins. Otherwise the `java` on PATH is used when it is 21 or newer;
# failing that, the newest JDK 21+ under /usr/lib/jvm (Debian's layout) is selected. Machines whose
# default `java` is 17 with a Temurin 25 beside it therefore work without any setup.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
if [ -z "${JAVA_HOME-}" ]; then
  path_java_major=0
  if command -v java >/dev/null 2>&1; then
    path_java_major=$(java_major java)
  fi
  if [ "${path_java_major:-0}" -lt 21 ]; then
    best_home=""
    best_major=0
    case $- in *f*) glob_was_off=1 ;; *) glob_was_off=0 ;; esac
    set +f # ./mvnw runs with globbing off
    for candidate in /usr/lib/jvm/*; do
      [ -x "$candidate/bin/javac" ] || continue
      major=$(java_major "$candidate/bin/java")
      if [ "${major:-0}" -gt "$best_major" ]; then
        best_major=$major
        best_home=$candidate
      fi
    done
    [ "$glob_was_off" = 0 ] || set -f
    if [ "$best_major" -ge 21 ]; then
      JAVA_HOME=$best_home
      export JAVA_HOME
    else
      echo "No JDK 21 or newer found: set JAVA_HOME to one (the default java is ${path_java_major})." >&2
      exit 1
    fi
  fi
fi
