@echo off
rem ipc4j, the command-line tool, for Windows: runs the executable jar that sits next to this script.
rem JAVA_HOME or the java on the PATH runs it; IPC4J_JAVA_OPTS adds JVM options. `ipc4j --help` lists the
rem commands. Put this folder on the PATH (or copy both files to one that is) to install it.
setlocal
set "dir=%~dp0"
set "jar="
rem the folder made current for the search: a quoted pattern is not expanded by every cmd (Wine's)
pushd "%dir%"
for %%f in (ipc4j-cli-*.jar) do call :candidate "%%~ff"
popd
if not defined jar (
  echo ipc4j: no ipc4j-cli-*.jar next to %~f0 ^(build it: mvn -B -DskipTests -pl cli -am package^) 1>&2
  exit /b 1
)
set "java=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "java=%JAVA_HOME%\bin\java.exe"
rem a short-lived tool: the quick JIT tier and the serial collector start fastest; the class-data archive
rem (ipc4j.jsa) is made by the build on its own system, so it is not used here
"%java%" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 %IPC4J_JAVA_OPTS% -jar "%jar%" %*
exit /b %ERRORLEVEL%

:candidate
set "name=%~nx1"
if /i "%name:~-12%"=="-sources.jar" goto :eof
if /i "%name:~-12%"=="-javadoc.jar" goto :eof
if /i "%name:~0,9%"=="original-" goto :eof
set "jar=%~1"
goto :eof
