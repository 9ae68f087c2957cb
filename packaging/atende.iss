; Inno Setup script: the Windows installer around the PyInstaller folder build.
;
; Build on Windows, from the repository root, after the folder build (packaging/README.md):
;   iscc /DAppVersion=0.1.0 packaging\atende.iss
; Output: dist\atende-<version>-windows-x64-setup.exe. Paths are relative to this file.
; Installs per user (no administrator needed) unless the user picks "all users".

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z packaging\atende.iss
#endif

[Setup]
; The AppId identifies Atende for upgrades and uninstall: never change it.
AppId={{0BC0BBA1-BE96-4EBC-82DC-7437D00A1471}
AppName=Atende
AppVersion={#AppVersion}
AppVerName=Atende {#AppVersion}
AppPublisher=Atende
AppComments=Configure o atendimento das suas instâncias do WhatsApp, offline.
DefaultDirName={autopf}\Atende
DefaultGroupName=Atende
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=atende-{#AppVersion}-windows-x64-setup
SetupIconFile=..\build\icons\atende.ico
UninstallDisplayIcon={app}\Atende.exe
UninstallDisplayName=Atende
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The user's data (%APPDATA%\Atende) is never touched by install or uninstall.

[Languages]
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; Atende.exe (the window), atende-cli.exe (the command line) and _internal\.
Source: "..\dist\atende\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle whole, so no module of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Atende"; Filename: "{app}\Atende.exe"
Name: "{autodesktop}\Atende"; Filename: "{app}\Atende.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Atende.exe"; Description: "{cm:LaunchProgram,Atende}"; Flags: nowait postinstall skipifsilent
