/*
 * Groups the lexer's tokens into the lines of a Dockerfile: directives, comments, blank lines and
 * instructions, each instruction with its continuation pieces, its line end and the content of
 * the heredocs it opened. Every decision is LL(1): the lexer marks where each instruction ends,
 * even at the end of the file.
 */
parser grammar DockerfileLineParser;

options { tokenVocab = DockerfileLexer; }

dockerfile : element* EOF ;

element : DIRECTIVE | COMMENT | BLANK | instruction ;

// The pieces of the logical line (text, continuations and the comment or blank lines skipped
// inside them), its end, then the heredoc content lines, each heredoc closed by its terminator.
instruction : piece* lineEnd heredocLine* ;

piece : TEXT | CONTINUATION | FILLER ;

// TEXT_EOL is an escape-like character that does not continue the line: text, then the line end.
lineEnd : EOL | TEXT_EOL ;

heredocLine : HEREDOC_LINE | HEREDOC_END ;
