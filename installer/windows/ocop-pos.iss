; Inno Setup script for OCOP POS on Windows 10/11 (x64): packs the PyInstaller one-folder bundle
; (build\pyinstaller\dist\ocop-pos, made by installer\ocop-pos.spec) into one setup .exe.
; Steps on the build machine: installer\windows\BUILD.md.
;
;   iscc /DAppVersion=0.1.0 installer\windows\ocop-pos.iss
;
; Data never lives in the program folder: each Windows user's database, settings, backups and
; logs are in %LOCALAPPDATA%\OCOP\ocop-pos (platformdirs). Installing a newer version over this
; one replaces program files only; uninstalling leaves that folder alone, so no sale is lost.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=<pos_app.__version__> installer\windows\ocop-pos.iss
#endif
#ifndef BundleDir
  #define BundleDir "..\..\build\pyinstaller\dist\ocop-pos"
#endif

[Setup]
; Never change AppId: it is how a newer setup recognises this installation and upgrades it.
AppId={{6C0E3E5A-1F7B-4C8E-9B1D-0C0C5A5D2F11}
AppName=OCOP POS
AppVersion={#AppVersion}
AppVerName=OCOP POS {#AppVersion}
AppPublisher=OCOP POS team
DefaultDirName={autopf}\OCOP POS
DefaultGroupName=OCOP POS
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=ocop-pos-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
PrivilegesRequired=admin
WizardStyle=modern
UninstallDisplayIcon={app}\ocop-pos.exe
UninstallDisplayName=OCOP POS
; Close a running counter app before replacing its files (a paid sale is already on disk);
; do not restart it behind the cashier's back.
CloseApplications=yes
RestartApplications=no
; Code signing (see BUILD.md): define SignTool "signtool" in the IDE or pass /S on the iscc
; command line, then uncomment:
; SignTool=signtool
; SignedUninstaller=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "PRINTERS.md"; DestDir: "{app}\docs"; Flags: ignoreversion skipifsourcedoesntexist

[InstallDelete]
; A newer bundle may drop libraries: clear the old runtime folder before copying the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\OCOP POS"; Filename: "{app}\ocop-pos.exe"; WorkingDir: "{app}"
Name: "{group}\OCOP POS - self-check"; Filename: "{cmd}"; \
  Parameters: "/k ""{app}\ocop-pos-admin.exe"" self-check"; WorkingDir: "{app}"
Name: "{group}\OCOP POS - diagnostics for support"; Filename: "{cmd}"; \
  Parameters: "/k ""{app}\ocop-pos-admin.exe"" diagnostics --out ""{userdesktop}"""; \
  WorkingDir: "{app}"
Name: "{group}\OCOP POS - admin command prompt"; Filename: "{cmd}"; \
  Parameters: "/k ""{app}\ocop-pos-admin.exe"" --help"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,OCOP POS}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\OCOP POS"; Filename: "{app}\ocop-pos.exe"; WorkingDir: "{app}"; \
  Tasks: desktopicon

[Run]
Filename: "{app}\ocop-pos-admin.exe"; Parameters: "--version"; Flags: runhidden; \
  StatusMsg: "Checking the installation..."
Filename: "{app}\ocop-pos.exe"; Description: "{cm:LaunchProgram,OCOP POS}"; \
  Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry for %LOCALAPPDATA%\OCOP\ocop-pos on purpose: the data stays.
