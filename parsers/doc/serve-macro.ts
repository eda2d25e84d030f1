/**
 * The LibreOffice Basic module a long-lived converter runs (installed into its private profile as
 * Standard.Convert). `Serve(spool)` loops over a spool folder:
 *
 * - `<n>.job` appears (written after `<n>.doc`) → it is claimed (renamed `<n>.run`), the document is
 *   loaded hidden with the import filter the job names (Word 97 when empty; forced: otherwise an
 *   unreadable file is imported as plain text and "succeeds" with garbage) and stored as `<n>.docx` (written as `.part`, then
 *   renamed, so the reader never sees half a file); a failure writes `<n>.err` with the reason.
 *   The job's first line is the import filter; optional further lines (serveJob) name the export filter
 *   (default MS Word 2007 XML), the result's extension (default docx) and the export's FilterData
 *   entries, one `Name=type:value` a line (type long, boolean or string) — how the test fixtures print
 *   PDFs through one LibreOffice; a one-line job is converted exactly as before;
 * - `alive` holds a counter the owning process advances every second: when it stops moving for
 *   about half a minute, or the file is removed, the loop ends and LibreOffice terminates (its
 *   owner died or no longer wants it; the owner also kills it outright);
 * - `ready` is written once the loop runs; `broken` (with the reason) if the loop itself fails, after
 *   which LibreOffice terminates.
 *
 * No socket, no UNO client and no process per conversion: requests are files.
 */
const SOURCE = `
Sub Serve(spool As String)
  Dim f As String, stem As String, beat As String, lastBeat As String, still As Integer, tick As Integer
  On Error GoTo Broken
  WriteText(spool & "/ready", "1")
  Do
    f = Dir(spool & "/*.job")
    If f = "" Then
      Wait 10
      tick = tick + 1
      If tick >= 100 Then
        tick = 0
        If Not FileExists(spool & "/alive") Then Exit Do
        beat = ReadText(spool & "/alive")
        If beat = lastBeat Then still = still + 1 Else still = 0
        lastBeat = beat
        If still >= 30 Then Exit Do
      End If
    Else
      stem = Left(f, Len(f) - 4)
      Name spool & "/" & f As spool & "/" & stem & ".run"
      ConvertOne(spool, stem)
    End If
  Loop
  StarDesktop.terminate()
  Exit Sub
Broken:
  ' An error of the loop itself (not of one file): say so and end, so the owner restarts a fresh instance
  ' instead of waiting on a LibreOffice whose loop is gone.
  On Error Resume Next
  WriteText(spool & "/broken", Err & ": " & Error$)
  StarDesktop.terminate()
End Sub

Function ReadText(path As String) As String
  On Error Resume Next
  Dim n As Integer, s As String
  n = FreeFile
  Open path For Input As #n
  Line Input #n, s
  Close #n
  ReadText = s
End Function

Sub WriteText(path As String, text As String)
  Dim n As Integer
  n = FreeFile
  Open path & ".tmp" For Output As #n
  Print #n, text
  Close #n
  Name path & ".tmp" As path
End Sub

' The job's lines (the .run file): import filter, export filter, result extension, FilterData entries.
Function JobLines(path As String) As Variant
  Dim n As Integer, s As String, fields(0) As String, count As Integer
  n = FreeFile
  Open path For Input As #n
  Do While Not EOF(n)
    Line Input #n, s
    ReDim Preserve fields(count)
    fields(count) = Trim(s)
    count = count + 1
  Loop
  Close #n
  JobLines = fields
End Function

Function JobLine(fields As Variant, index As Integer, fallback As String) As String
  JobLine = fallback
  If index <= UBound(fields) Then
    If fields(index) <> "" Then JobLine = fields(index)
  End If
End Function

Sub ConvertOne(spool As String, stem As String)
  Dim doc As Object, job As Variant, i As Integer, entry As String, kind As String, top As Integer
  On Error GoTo Failed
  job = JobLines(spool & "/" & stem & ".run")
  Dim load(1) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden" : load(0).Value = True
  load(1).Name = "FilterName" : load(1).Value = JobLine(job, 0, "MS Word 97")
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(spool & "/" & stem & ".doc"), "_blank", 0, load())
  If IsNull(doc) Then Err.Raise(1, , "LibreOffice could not load the file")
  top = UBound(job) - 3
  If top < 0 Then top = 0
  Dim filterData(top) As New com.sun.star.beans.PropertyValue
  For i = 3 To UBound(job)
    entry = job(i)
    filterData(i - 3).Name = Left(entry, InStr(entry, "=") - 1)
    entry = Mid(entry, InStr(entry, "=") + 1)
    kind = Left(entry, InStr(entry, ":") - 1)
    entry = Mid(entry, InStr(entry, ":") + 1)
    If kind = "long" Then
      filterData(i - 3).Value = CLng(entry)
    ElseIf kind = "boolean" Then
      filterData(i - 3).Value = (LCase(entry) = "true")
    Else
      filterData(i - 3).Value = entry
    End If
  Next
  If UBound(job) >= 3 Then
    Dim storeWithData(1) As New com.sun.star.beans.PropertyValue
    storeWithData(0).Name = "FilterName" : storeWithData(0).Value = JobLine(job, 1, "MS Word 2007 XML")
    storeWithData(1).Name = "FilterData" : storeWithData(1).Value = filterData()
    doc.storeToURL(ConvertToURL(spool & "/" & stem & ".part"), storeWithData())
  Else
    Dim store(0) As New com.sun.star.beans.PropertyValue
    store(0).Name = "FilterName" : store(0).Value = JobLine(job, 1, "MS Word 2007 XML")
    doc.storeToURL(ConvertToURL(spool & "/" & stem & ".part"), store())
  End If
  doc.close(True)
  Name spool & "/" & stem & ".part" As spool & "/" & stem & "." & JobLine(job, 2, "docx")
  Kill spool & "/" & stem & ".run"
  Exit Sub
Failed:
  Dim reason As String
  reason = Err & ": " & Error$
  On Error Resume Next
  If Not IsNull(doc) Then doc.close(True)
  WriteText(spool & "/" & stem & ".err", reason)
  Kill spool & "/" & stem & ".run"
End Sub
`;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Files of the profile's Standard Basic library (paths relative to `user/basic/Standard/`). */
export function serveLibraryFiles(): Record<string, string> {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  return {
    'script.xlb':
      `${head}<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">\n` +
      '<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">\n' +
      ' <library:element library:name="Convert"/>\n</library:library>\n',
    'Convert.xba':
      `${head}<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n` +
      `<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Convert" script:language="StarBasic">${escapeXml(SOURCE)}</script:module>\n`,
  };
}

/** A conversion the loop's job file can ask for besides the default .docx (test fixtures: PDF, RTF, ODT, HTML…). */
export interface ServeExport {
  /** LibreOffice's export filter (writer_pdf_Export, Rich Text Format …). */
  filter: string;
  /** The result file's extension (pdf, rtf …). */
  extension: string;
  /** The export's FilterData (the JSON of --convert-to pdf:writer_pdf_Export:{…}). */
  data?: Record<string, { type: 'long' | 'boolean' | 'string'; value: string }>;
}

/** The text of a job file: the import filter alone (the product's .doc path), or with the export's lines. */
export function serveJob(importFilter: string, exportAs?: ServeExport): string {
  if (!exportAs) return importFilter;
  const data = Object.entries(exportAs.data ?? {}).map(([name, { type, value }]) => `${name}=${type}:${value}`);
  return [importFilter, exportAs.filter, exportAs.extension, ...data].join('\n');
}

/** The macro URL that starts the loop on a spool folder (a path without quotes). */
export function serveMacroUrl(spool: string): string {
  return `macro:///Standard.Convert.Serve("${spool}")`;
}
