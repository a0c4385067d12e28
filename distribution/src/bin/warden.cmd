@echo off
rem warden: runs the Warden command line of this distribution (lib\warden.jar).
rem Runs on the runtime bundled in runtime\ if there is one, else on %JAVA_HOME%\bin\java, else on
rem the java on PATH (Java 17 or later). JAVA_OPTS holds options for the JVM.
setlocal
set "WARDEN_HOME=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
if exist "%WARDEN_HOME%\runtime\bin\java.exe" set "JAVA=%WARDEN_HOME%\runtime\bin\java.exe"
"%JAVA%" %JAVA_OPTS% -jar "%WARDEN_HOME%\lib\warden.jar" %*
exit /b %ERRORLEVEL%
