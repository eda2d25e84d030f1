/** LibreOffice's import filter for Word 97–2003 (.doc); the server loop's default too (serve-macro.ts). */
export const WORD_97_FILTER = 'MS Word 97';
