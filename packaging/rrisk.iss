; Inno Setup 6.3+ script: installs the PyInstaller one-folder build and registers .rrisk.
; Build dist\rrisk-desktop first (see README.md), then from the repository root:
;   iscc packaging\rrisk.iss
; Output: dist\rrisk-setup-<version>.exe

#define AppName "RRisk"
; Override with  iscc /DAppVersion=X.Y.Z  so the installer matches rrisk.__version__.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "rrisk-desktop.exe"
#define ProgId "RRisk.Assessment"

[Setup]
; The AppId identifies the product for upgrades and uninstall: never change it.
AppId={{E75BB1FF-DF3C-455F-BD17-F13E21D91944}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
; Paths below are relative to the repository root.
SourceDir=..
OutputDir=dist
OutputBaseFilename=rrisk-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Per-user install without admin rights is offered; HKA follows that choice.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
; Tell Explorer to refresh icons and "Open with" after the association changes.
ChangesAssociations=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\rrisk-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .rrisk -> RRisk.Assessment, opened with "rrisk-desktop.exe FILE".
Root: HKA; Subkey: "Software\Classes\.rrisk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.rrisk"; ValueType: string; ValueName: "Content Type"; ValueData: "application/vnd.rrisk+zip"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.rrisk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "RRisk assessment"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".rrisk"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
