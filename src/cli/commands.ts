/** The CLI's commands. Each lives in its own module, loaded only when called. */
export interface CommandModule {
  run(args: string[]): Promise<number>;
}

export interface Command {
  summary: string;
  load(): Promise<CommandModule>;
}

export const COMMANDS: Record<string, Command> = {
  extract: { summary: '解析报告并检查 / extract records and findings from files or folders', load: () => import('./extract.js') },
};
