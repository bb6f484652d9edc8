@echo off
rem Launcher of the | idetunnelscore search command on Windows x86_64 (IDE Tunnel Detection).
rem
rem commands.conf names no `filename`: splunkd finds this file by the stanza name plus ".cmd" in
rem windows_x86_64\bin (commands.conf.spec), runs it with the command.arg.<N> values as arguments,
rem and talks the chunked custom search command protocol (v2) over stdin/stdout. Nothing in this file may write to stdout
rem before node starts: stdout belongs to the protocol (hence @echo off and >nul / 2>nul).
rem
rem 1. Node.js: [node] path from local\idetunnel.conf, else default\idetunnel.conf; when empty,
rem    the first node.exe on PATH (see README\idetunnel.conf.spec).
rem 2. The runtime must report `node --version` >= v18.
rem 3. Run node <app>\bin\idetunnelscore.js with the arguments; stdin/stdout are inherited.
rem When no usable Node.js is found, idetunnelscore-error.ps1 answers splunkd's getinfo chunk
rem with a protocol v2 reply whose inspector carries an ERROR message, and the exit status is 1.
setlocal EnableExtensions DisableDelayedExpansion

set "MIN_NODE_MAJOR=18"
for %%I in ("%~dp0..\..") do set "APP_DIR=%%~fI"
set "ENTRY=%APP_DIR%\bin\idetunnelscore.js"
set "HINT=install Node.js 18 or later (the Windows x64 LTS build from the Node.js project) on this host, or use the standalone idetunnel package that embeds its runtime"

set "CONF_PATH="
call :conf_value "%APP_DIR%\default\idetunnel.conf"
call :conf_value "%APP_DIR%\local\idetunnel.conf"

if not defined CONF_PATH goto :from_path
set "NODE=%CONF_PATH%"
set "WHERE=[node] path in idetunnel.conf"
if not exist "%NODE%" goto :conf_missing
if exist "%NODE%\" goto :conf_missing
goto :check_version

:from_path
set "NODE="
for %%N in (node.exe) do set "NODE=%%~$PATH:N"
set "WHERE=node on PATH"
if not defined NODE goto :not_on_path

:check_version
set "VERSION="
for /f "tokens=1 delims=." %%V in ('call "%%NODE%%" --version 2^>nul') do set "VERSION=%%V"
if not defined VERSION goto :no_version
if not "%VERSION:~0,1%"=="v" goto :no_version
set "MAJOR=%VERSION:~1%"
echo(%MAJOR%| findstr /r /x "[0-9][0-9]*" >nul 2>nul
if errorlevel 1 goto :no_version
if %MAJOR% LSS %MIN_NODE_MAJOR% goto :too_old
if not exist "%ENTRY%" goto :no_entry

"%NODE%" "%ENTRY%" %*
exit /b %ERRORLEVEL%

:conf_missing
set "IDETUNNEL_ERROR=IDE Tunnel Detection needs Node.js 18 or later: [node] path = %NODE% in idetunnel.conf is not an executable file; fix it in %APP_DIR%\local\idetunnel.conf or %HINT%"
goto :fail
:not_on_path
set "IDETUNNEL_ERROR=IDE Tunnel Detection needs Node.js 18 or later: no node.exe found on the PATH of splunkd; %HINT%, or set [node] path in %APP_DIR%\local\idetunnel.conf"
goto :fail
:no_version
set "IDETUNNEL_ERROR=IDE Tunnel Detection needs Node.js 18 or later: %NODE% (%WHERE%) did not report a version with --version; %HINT%, or set [node] path in %APP_DIR%\local\idetunnel.conf"
goto :fail
:too_old
set "IDETUNNEL_ERROR=IDE Tunnel Detection needs Node.js 18 or later: %NODE% (%WHERE%) is %VERSION%; %HINT%, or set [node] path in %APP_DIR%\local\idetunnel.conf"
goto :fail
:no_entry
set "IDETUNNEL_ERROR=IDE Tunnel Detection is incomplete: %ENTRY% is missing; reinstall the app package"
goto :fail

:fail
rem The reply needs exact byte counts and raw stdin/stdout, which batch cannot do.
"%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe" -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "%~dp0idetunnelscore-error.ps1"
exit /b 1

rem :conf_value FILE - sets CONF_PATH to `path` of [node] in FILE when it is set and not empty
rem (a Splunk .conf file: `key = value` lines, `#` comments, `[stanza]` headers).
:conf_value
if not exist "%~1" goto :eof
set "IN_NODE="
for /f "usebackq delims=" %%L in ("%~1") do (
  set "LINE=%%L"
  call :conf_line
)
goto :eof

:conf_line
for /f "tokens=* delims= 	" %%A in ("%LINE%") do set "LINE=%%A"
if "%LINE:~0,1%"=="#" goto :eof
if not "%LINE:~0,1%"=="[" goto :conf_key
set "IN_NODE="
if /i "%LINE: =%"=="[node]" set "IN_NODE=1"
goto :eof
:conf_key
if not defined IN_NODE goto :eof
set "KEY="
set "VAL="
for /f "tokens=1,* delims==" %%K in ("%LINE%") do (
  set "KEY=%%K"
  set "VAL=%%L"
)
if not defined KEY goto :eof
set "KEY=%KEY: =%"
set "KEY=%KEY:	=%"
if /i not "%KEY%"=="path" goto :eof
if not defined VAL goto :eof
for /f "tokens=* delims= 	" %%V in ("%VAL%") do set "VAL=%%V"
:trim_right
if not defined VAL goto :eof
if "%VAL:~-1%"==" " set "VAL=%VAL:~0,-1%" & goto :trim_right
if "%VAL:~-1%"=="	" set "VAL=%VAL:~0,-1%" & goto :trim_right
set "CONF_PATH=%VAL%"
goto :eof
