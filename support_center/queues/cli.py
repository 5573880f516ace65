"""``tandem-center queues add|list|remove`` and ``queues agents add|remove|list``: the site's
queues (each one's Get help page is ``/help/<name>``) and the agents who answer them."""

from __future__ import annotations

import argparse
import sys

from shared.protocol.queues import DEFAULT_QUEUE_MAX_WAITING
from support_center.queues.store import QueueStore, UnknownQueue
from support_center.store import AgentRecord, Store
from support_center.store_command import with_store

REFUSALS = (ValueError, UnknownQueue)


def _agent(store: Store, username: str) -> AgentRecord:
    agent = store.agent_by_username(username)
    if agent is None:
        raise ValueError(f"There is no agent named {username}: add one with `add-agent`.")
    return agent


def add(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        queue = QueueStore(store).add_queue(args.name, args.title, args.max_waiting)
        print(f"Queue {queue.name} added: its Get help page is /help/{queue.name}.")
        return 0

    return with_store(args, act, REFUSALS)


def show(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        queues = QueueStore(store)
        found = queues.queues()
        if not found:
            print("No queues: add one with `tandem-center queues add NAME --title TITLE`.")
        for queue in found:
            members = len(queues.members(queue.name))
            print(
                f"{queue.name}\t{queue.title}\tat most {queue.max_waiting} waiting\t"
                f"{members} agent{'s' if members != 1 else ''}"
            )
        return 0

    return with_store(args, act, REFUSALS)


def remove(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        if not QueueStore(store).remove_queue(args.name):
            print(f"There is no queue named {args.name}.", file=sys.stderr)
            return 1
        print(f"Queue {args.name} removed; customers waiting in it have left it.")
        return 0

    return with_store(args, act, REFUSALS)


def add_agent(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        QueueStore(store).add_member(args.name, _agent(store, args.username).id)
        print(f"{args.username} now answers the queue {args.name}.")
        return 0

    return with_store(args, act, REFUSALS)


def remove_agent(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        if not QueueStore(store).remove_member(args.name, _agent(store, args.username).id):
            print(f"{args.username} is not an agent of the queue {args.name}.", file=sys.stderr)
            return 1
        print(f"{args.username} no longer answers the queue {args.name}.")
        return 0

    return with_store(args, act, REFUSALS)


def list_agents(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        members = QueueStore(store).members(args.name)
        if not members:
            print(
                f"No agents answer the queue {args.name}: add one with "
                f"`tandem-center queues agents add {args.name} USERNAME`."
            )
        for agent_id in members:
            agent = store.agent_by_id(agent_id)
            if agent is not None:
                print(f"{agent.username}\t{agent.display_name}")
        return 0

    return with_store(args, act, REFUSALS)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``queues`` command group, under ``tandem-center``."""
    queues = commands.add_parser("queues", help="the queues customers wait in for help")
    group = queues.add_subparsers(dest="queues_command", required=True)
    adding = group.add_parser("add", help="add a queue (its Get help page is /help/NAME)")
    adding.add_argument("name", help="lower-case letters, digits and '-', e.g. billing")
    adding.add_argument("--title", required=True, help="what customers see, e.g. 'Billing'")
    adding.add_argument(
        "--max-waiting",
        type=int,
        default=DEFAULT_QUEUE_MAX_WAITING,
        metavar="N",
        help=f"customers waiting at most; past it the page says the queue is full "
        f"(default: {DEFAULT_QUEUE_MAX_WAITING})",
    )
    adding.set_defaults(handler=add)
    listing = group.add_parser("list", help="list the queues")
    listing.set_defaults(handler=show)
    removing = group.add_parser("remove", help="remove a queue (its waiting customers leave)")
    removing.add_argument("name")
    removing.set_defaults(handler=remove)
    agents = group.add_parser("agents", help="the agents who answer a queue")
    members = agents.add_subparsers(dest="queue_agents_command", required=True)
    member_add = members.add_parser("add", help="let an agent answer a queue")
    member_add.add_argument("name", help="the queue")
    member_add.add_argument("username", help="the agent")
    member_add.set_defaults(handler=add_agent)
    member_remove = members.add_parser("remove", help="take an agent off a queue")
    member_remove.add_argument("name", help="the queue")
    member_remove.add_argument("username", help="the agent")
    member_remove.set_defaults(handler=remove_agent)
    member_list = members.add_parser("list", help="list the agents of a queue")
    member_list.add_argument("name", help="the queue")
    member_list.set_defaults(handler=list_agents)
