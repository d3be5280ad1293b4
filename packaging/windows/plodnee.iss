; Inno Setup script for the Windows installer: build with `cargo build --release` on Windows,
; then `iscc packaging\windows\plodnee.iss`. The database stays in the user's data folder
; (%APPDATA%\plodnee\plodnee\data), so reinstalling or upgrading never touches it.
[Setup]
AppName=ปลดหนี้ (plodnee)
AppVersion=0.1.0
AppPublisher=plodnee
DefaultDirName={autopf}\plodnee
DefaultGroupName=ปลดหนี้
OutputBaseFilename=plodnee-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest

[Files]
Source: "..\..\target\release\plodnee.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\..\assets\fonts\OFL.txt"; DestDir: "{app}\licences"; DestName: "Sarabun-OFL.txt"

[Icons]
Name: "{group}\ปลดหนี้"; Filename: "{app}\plodnee.exe"
Name: "{userdesktop}\ปลดหนี้"; Filename: "{app}\plodnee.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "สร้างไอคอนบนเดสก์ท็อป"
