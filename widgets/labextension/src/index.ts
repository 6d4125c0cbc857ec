// NPS toolkit in JupyterLab: one command per template, placed in the Launcher ("NPS toolkit"
// section), File > New and the command palette, plus "New NPS analysis from this file" in the
// file browser's context menu on CSV / Excel / Parquet files. The Python server extension
// (nps_toolkit_lab) owns the templates and makes the copy; this file stays thin.
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { PathExt, URLExt } from '@jupyterlab/coreutils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ILauncher } from '@jupyterlab/launcher';
import { IMainMenu } from '@jupyterlab/mainmenu';
import { ServerConnection } from '@jupyterlab/services';
import { LabIcon } from '@jupyterlab/ui-components';

const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">
<path class="jp-icon3" fill="#616161" d="M3 20h18v1.5H3z"/>
<rect x="4" y="11" width="4" height="8" fill="#D55E00"/>
<rect x="10" y="8" width="4" height="11" fill="#9E9E9E"/>
<rect x="16" y="4" width="4" height="15" fill="#0072B2"/></svg>`;

const npsIcon = new LabIcon({ name: 'nps-toolkit:icon', svgstr: ICON_SVG });

// The templates are listed by the server (nps_toolkit/_registry.py, the one list of them), so
// this file names none of them.
interface ITemplate {
  name: string;
  title: string;
  caption: string;
  rank: number;
}

const DATA_FILE = /\.(csv|tsv|txt|xlsx|xls|parquet|csv\.gz)$/i;

async function request(path: string, init: RequestInit = {}): Promise<any> {
  const settings = ServerConnection.makeSettings();
  const url = URLExt.join(settings.baseUrl, 'nps-toolkit', path);
  const response = await ServerConnection.makeRequest(url, init, settings);
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || body.message || response.statusText);
  }
  return body;
}

async function listTemplates(): Promise<ITemplate[]> {
  return (await request('templates')).templates as ITemplate[];
}

async function copyTemplate(
  template: string,
  folder: string,
  data: string | null
): Promise<string> {
  const body = await request('copy', {
    method: 'POST',
    body: JSON.stringify({ template, path: folder, data })
  });
  return body.path as string;
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'nps-toolkit:plugin',
  description:
    'NPS toolkit templates in the Launcher, File > New and the file browser.',
  autoStart: true,
  requires: [IDefaultFileBrowser],
  optional: [ILauncher, ICommandPalette, IMainMenu],
  activate: async (
    app: JupyterFrontEnd,
    browser: IDefaultFileBrowser,
    launcher: ILauncher | null,
    palette: ICommandPalette | null,
    menu: IMainMenu | null
  ) => {
    const { commands } = app;
    // copy a template into a folder and open it; the one place an error is shown
    const open = async (
      template: string,
      folder: string,
      data: string | null
    ) => {
      try {
        const path = await copyTemplate(template, folder, data);
        await commands.execute('docmanager:open', { path });
      } catch (err) {
        await showErrorMessage(
          'Could not create the NPS notebook',
          String(err)
        );
      }
    };

    let templates: ITemplate[] = [];
    try {
      templates = await listTemplates();
    } catch (err) {
      console.error('nps-toolkit: the server lists no templates', err);
    }
    for (const t of templates) {
      const id = `nps-toolkit:new-${t.name}`;
      commands.addCommand(id, {
        label: args =>
          args['isPalette'] ? `New ${t.title} notebook` : t.title,
        caption: t.caption,
        icon: args => (args['isPalette'] ? undefined : npsIcon),
        execute: () => open(t.name, browser.model.path, null)
      });
      launcher?.add({ command: id, category: 'NPS toolkit', rank: t.rank });
      palette?.addItem({
        command: id,
        category: 'NPS toolkit',
        args: { isPalette: true }
      });
    }
    menu?.fileMenu.newMenu.addGroup(
      templates.map(t => ({ command: `nps-toolkit:new-${t.name}` })),
      40
    );

    const fromFile = 'nps-toolkit:new-from-file';
    commands.addCommand(fromFile, {
      label: 'New NPS analysis from this file',
      caption: 'A copy of the calculation template, reading this file',
      icon: npsIcon,
      isVisible: () => {
        const item = browser.selectedItems().next();
        return !!item && !item.done && DATA_FILE.test(item.value.name);
      },
      execute: async () => {
        const item = browser.selectedItems().next();
        if (!item || item.done) {
          return;
        }
        // the copy goes next to the data file
        const data = item.value.path;
        await open('calculation', PathExt.dirname(data), data);
      }
    });
    app.contextMenu.addItem({
      command: fromFile,
      selector: '.jp-DirListing-item[data-isdir="false"]',
      rank: 3
    });
  }
};

export default plugin;
