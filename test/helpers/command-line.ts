/** How a text would send people to the command line, which nothing the task pane shows may do. */
export const COMMAND_LINE = /命令行|命令窗口|终端|[Cc]ommand[ -]line|[Tt]erminal|\bscorecard [a-z]|npm |(^|[\s（(：:“"])--?[a-z]/;
